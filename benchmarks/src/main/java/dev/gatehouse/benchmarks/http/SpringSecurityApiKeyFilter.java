package dev.gatehouse.benchmarks.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Spring Security peer's API-key authentication, written the way applications write
 * it (Spring Security has no API-key filter of its own): read one header, look the key
 * up, put an authenticated token with the key's authorities into the
 * {@link SecurityContext}. To do the same work as Gatehouse's
 * {@code ApiKeyAuthenticator}, the key is hashed with SHA-256 once per request and
 * compared in constant time with every configured hash. A missing or unknown key leaves
 * the request unauthenticated (anonymous), and method security then refuses it, as
 * Gatehouse does. Thread-safe.
 *
 * <p>
 * Public because the filter benchmark ({@code dev.gatehouse.benchmarks.filter}) puts the
 * same filter into its Spring Security chain. Not a bean on purpose: Boot would register
 * a {@code Filter} bean in the servlet container for every URL, so the filter is created
 * inside the {@code SecurityFilterChain} and runs only there.
 */
public final class SpringSecurityApiKeyFilter extends OncePerRequestFilter {

	private final SecurityContextHolderStrategy securityContextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private final String header;

	private final byte[][] hashes;

	private final String[] subjects;

	private final List<List<GrantedAuthority>> authorities;

	/**
	 * Creates the filter.
	 * @param header the request header that carries the key
	 * @param keys the SHA-256 hash of each key (64 hexadecimal characters) mapped to its
	 * subject and roles
	 */
	public SpringSecurityApiKeyFilter(String header, Map<String, ApiKeyOwner> keys) {
		this.header = Objects.requireNonNull(header, "header must not be null");
		this.hashes = new byte[keys.size()][];
		this.subjects = new String[keys.size()];
		List<List<GrantedAuthority>> authorities = new ArrayList<>();
		int i = 0;
		for (Map.Entry<String, ApiKeyOwner> entry : keys.entrySet()) {
			this.hashes[i] = HexFormat.of().parseHex(entry.getKey());
			this.subjects[i] = entry.getValue().subject();
			authorities.add(entry.getValue()
				.roles()
				.stream()
				.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
				.toList());
			i++;
		}
		this.authorities = List.copyOf(authorities);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(this.header);
		if (key != null && !key.isEmpty()) {
			int match = match(key);
			if (match >= 0) {
				SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
				context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(this.subjects[match], null,
						this.authorities.get(match)));
				this.securityContextHolderStrategy.setContext(context);
			}
		}
		chain.doFilter(request, response);
	}

	private int match(String key) {
		byte[] presented = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
		int match = -1;
		// Like Gatehouse: visit every entry without leaving early, so timing does not
		// reveal the match.
		for (int i = 0; i < this.hashes.length; i++) {
			if (MessageDigest.isEqual(this.hashes[i], presented)) {
				match = i;
			}
		}
		return match;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Who presents a key.
	 *
	 * @param subject the principal's name
	 * @param roles the roles, without the {@code ROLE_} prefix
	 */
	public record ApiKeyOwner(String subject, List<String> roles) {
	}

}
