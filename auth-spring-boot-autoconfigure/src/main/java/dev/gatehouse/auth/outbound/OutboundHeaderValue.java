package dev.gatehouse.auth.outbound;

/**
 * Turns a token into the one header value it travels as, refusing values that would split
 * the header or send nothing.
 */
final class OutboundHeaderValue {

	private OutboundHeaderValue() {
	}

	/**
	 * Returns the header value: the scheme, a space and the value, unless the scheme is
	 * empty or the value already starts with it (never {@code Bearer Bearer}).
	 * @param token the token
	 * @param registration the registration, named in the failure
	 * @return the header value
	 * @throws OutboundCredentialUnavailableException when the value holds a CR, LF or
	 * other control character, or is empty after the scheme
	 */
	static String of(OutboundToken token, String registration) {
		String value = token.value();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw new OutboundCredentialUnavailableException("The token of outbound registration '" + registration
						+ "' contains a control character (CR, LF or another); it is not sent.", null);
			}
		}
		String scheme = token.scheme();
		if (scheme.isEmpty()) {
			return value;
		}
		int length = scheme.length();
		if (value.regionMatches(true, 0, scheme, 0, length)
				&& (value.length() == length || value.charAt(length) == ' ')) {
			if (value.substring(length).isBlank()) {
				throw new OutboundCredentialUnavailableException(
						"The token of outbound registration '" + registration + "' is empty after its scheme.", null);
			}
			return value;
		}
		return scheme + " " + value;
	}

}
