package dev.gatehouse.auth.context;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * A raw credential as it arrived, before any verification: its kind, where it was found
 * and the secret material itself.
 *
 * <p>
 * The material is a secret: {@link #toString()} never shows it, so a carrier can be
 * logged safely, and Jackson (2 and 3 alike, which share the annotation package) leaves
 * it out, so a controller that returns a carrier or an {@link AuthContext} does not echo
 * the caller's credential.
 *
 * @param kind what kind of credential this is
 * @param location where it was found
 * @param material the raw secret (token, key, encoded password); never blank
 * @param name the header, parameter or cookie name it came from, or {@code null}
 * @param scheme the authentication scheme ({@code Bearer}, {@code Basic}), or
 * {@code null}
 */
public record CredentialCarrier(CredentialCarrierKind kind, CredentialCarrierLocation location,
		@JsonIgnore String material, @Nullable String name, @Nullable String scheme) {

	public CredentialCarrier {
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(location, "location must not be null");
		Objects.requireNonNull(material, "material must not be null");
		if (material.isBlank()) {
			throw new IllegalArgumentException("credential material must not be blank");
		}
	}

	@Override
	public String toString() {
		return "CredentialCarrier[kind=" + this.kind + ", location=" + this.location + ", material=[REDACTED], name="
				+ this.name + ", scheme=" + this.scheme + "]";
	}

}
