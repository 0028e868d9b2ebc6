package dev.gatehouse.auth.actuate;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks every Gatehouse secret in {@code /actuator/env} and {@code /actuator/configprops}
 * even when {@code management.endpoint.*.show-values=always}: the JWT secret, the
 * snapshot signing secret and private key, the verification keys' secrets, the outbound
 * registrations' tokens and client secrets, the API keys' SHA-256 hashes, the AuthZEN
 * {@code headers.*} values, and any {@code gatehouse.*} property whose name ends in
 * {@code secret}, {@code private-key} or {@code password}.
 *
 * <p>
 * A property reaches these endpoints under many names: dotted
 * ({@code gatehouse.jwt.secret}), camel-cased by configprops ({@code privateKey}),
 * bracketed ({@code keys."[svc:default]".secret}), indexed ({@code api-keys[0].sha256})
 * and in every relaxed form an environment variable may use
 * ({@code GATEHOUSE_JWT_SECRET}, {@code GATEHOUSE_APIKEYS_0_SHA256}). The name is
 * therefore compared in one canonical form — lower case, without {@code . _ - [ ] " '} —
 * which every spelling that Boot's relaxed binding accepts shares (so do a few that it
 * does not bind, such as {@code GATEHOUSE_API_KEYS_0_SHA256}: masking those is the safe
 * direction). A {@code SPRING_APPLICATION_JSON} value that mentions {@code gatehouse} is
 * masked whole, since it may carry any of them. Public keys are not masked.
 */
public final class GatehouseSecretSanitizingFunction implements SanitizingFunction {

	private static final String PREFIX = "gatehouse";

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey(), data.getValue()) ? data.withSanitizedValue() : data;
	}

	/**
	 * Whether a property, under any of its names, holds a Gatehouse secret.
	 * @param key the property name as the property source or endpoint spells it
	 * @param value the value (only a {@code SPRING_APPLICATION_JSON} value is looked at)
	 * @return {@code true} when the value must be masked
	 */
	static boolean isSecret(String key, @Nullable Object value) {
		String name = canonical(key);
		if (name.equals("springapplicationjson")) {
			return value instanceof CharSequence json && json.toString().toLowerCase(Locale.ROOT).contains(PREFIX);
		}
		if (!name.startsWith(PREFIX)) {
			return false;
		}
		return name.endsWith("secret") || name.endsWith("privatekey") || name.endsWith("password")
				|| (name.startsWith("gatehouseoutboundregistrations") && name.endsWith("token"))
				|| (name.startsWith("gatehouseapikeys") && name.endsWith("sha256"))
				|| name.startsWith("gatehouseauthzenheaders");
	}

	private static String canonical(String key) {
		StringBuilder name = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c != '.' && c != '_' && c != '-' && c != '[' && c != ']' && c != '"' && c != '\'') {
				name.append(Character.toLowerCase(c));
			}
		}
		return name.toString();
	}

}
