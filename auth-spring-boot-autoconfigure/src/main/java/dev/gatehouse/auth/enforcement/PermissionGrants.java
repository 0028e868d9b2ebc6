package dev.gatehouse.auth.enforcement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import org.jspecify.annotations.Nullable;

/**
 * Which permissions a context holds: those its roles map to, plus those listed in its
 * permissions claim (space- or comma-separated). A grant ending in {@code *} covers every
 * permission that starts with what precedes it ({@code documents:*} covers
 * {@code documents:read}; {@code *} covers everything). The role mapping is compiled
 * once; a check does not split strings or allocate. Thread-safe.
 */
public final class PermissionGrants {

	private final Map<String, Grants> byRole;

	private final String claimName;

	/**
	 * Compiles a role-to-permissions mapping.
	 * @param rolePermissions the permissions each role grants
	 * @param claimName the claim that lists further permissions of a caller
	 * @throws IllegalArgumentException when a role or permission is blank, or a {@code *}
	 * is not at the end
	 */
	public PermissionGrants(Map<String, ? extends List<String>> rolePermissions, String claimName) {
		Objects.requireNonNull(rolePermissions, "rolePermissions must not be null");
		Objects.requireNonNull(claimName, "claimName must not be null");
		if (claimName.isBlank()) {
			throw new IllegalArgumentException("claimName must not be blank");
		}
		Map<String, Grants> byRole = new HashMap<>();
		rolePermissions.forEach((role, permissions) -> {
			if (role == null || role.isBlank()) {
				throw new IllegalArgumentException("role names must not be blank");
			}
			byRole.put(role, Grants.of(role, (permissions != null) ? permissions : List.of()));
		});
		this.byRole = Map.copyOf(byRole);
		this.claimName = claimName;
	}

	/**
	 * Returns the claim that lists further permissions of a caller.
	 * @return the claim name
	 */
	public String claimName() {
		return this.claimName;
	}

	/**
	 * Whether the context holds the permission through a role or its permissions claim.
	 * @param context the caller
	 * @param permission the required permission
	 * @return {@code true} when granted
	 */
	public boolean holds(AuthContext context, String permission) {
		List<String> roles = context.roles();
		for (int i = 0; i < roles.size(); i++) {
			Grants grants = this.byRole.get(roles.get(i));
			if (grants != null && grants.covers(permission)) {
				return true;
			}
		}
		List<AuthClaim> claims = context.claims();
		for (int i = 0; i < claims.size(); i++) {
			AuthClaim claim = claims.get(i);
			if (claim.name().equals(this.claimName) && claim.value() instanceof String listed
					&& listCovers(listed, permission)) {
				return true;
			}
		}
		return false;
	}

	/** Scans a space- or comma-separated list in place, without splitting it. */
	private static boolean listCovers(String listed, String permission) {
		int length = listed.length();
		int start = 0;
		while (start < length) {
			while (start < length && isSeparator(listed.charAt(start))) {
				start++;
			}
			int end = start;
			while (end < length && !isSeparator(listed.charAt(end))) {
				end++;
			}
			if (end > start && tokenCovers(listed, start, end, permission)) {
				return true;
			}
			start = end;
		}
		return false;
	}

	private static boolean tokenCovers(String listed, int start, int end, String permission) {
		int length = end - start;
		if (listed.charAt(end - 1) == '*') {
			return permission.regionMatches(0, listed, start, length - 1);
		}
		return length == permission.length() && permission.regionMatches(0, listed, start, length);
	}

	private static boolean isSeparator(char c) {
		return c == ' ' || c == ',' || c == '\t';
	}

	/**
	 * The permissions of one role: exact ones in a set, wildcard prefixes in an array.
	 */
	private record Grants(Set<String> exact, String[] prefixes) {

		static Grants of(String role, List<String> permissions) {
			Set<String> exact = new HashSet<>();
			List<String> prefixes = new ArrayList<>();
			for (String permission : permissions) {
				if (permission == null || permission.isBlank()) {
					throw new IllegalArgumentException("role '" + role + "' maps to a blank permission");
				}
				int star = permission.indexOf('*');
				if (star >= 0 && star != permission.length() - 1) {
					throw new IllegalArgumentException("role '" + role + "' maps to '" + permission
							+ "'; a '*' wildcard may only end a permission");
				}
				if (star >= 0) {
					prefixes.add(permission.substring(0, star));
				}
				else {
					exact.add(permission);
				}
			}
			return new Grants(Set.copyOf(exact), prefixes.toArray(new String[0]));
		}

		boolean covers(String permission) {
			if (this.exact.contains(permission)) {
				return true;
			}
			for (String prefix : this.prefixes) {
				if (permission.startsWith(prefix)) {
					return true;
				}
			}
			return false;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

		@Override
		public String toString() {
			return this.exact + " " + List.of(this.prefixes);
		}

	}

}
