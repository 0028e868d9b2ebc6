package dev.gatehouse.auth.context;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jackson 3 (what Boot 4 uses) and Jackson 2 (still on many applications' classpaths)
 * both leave the credential material out when a {@link CredentialCarrier}, or an
 * {@link AuthContext} holding one, is written as JSON.
 */
class CredentialCarrierJsonTests {

	private static final String SECRET = "sk_live_7Qz-UNIQUE-SECRET-4f91c2";

	private final CredentialCarrier carrier = new CredentialCarrier(CredentialCarrierKind.API_KEY,
			CredentialCarrierLocation.HEADER, SECRET, "X-API-Key", null);

	private final AuthContext context = AuthContext.builder("alice")
		.roles(List.of("ADMIN"))
		.scopes(List.of("documents:read"))
		.credentialCarrier(this.carrier)
		.build();

	@Test
	void jackson3WritesCarrierWithoutMaterial() {
		String json = JsonMapper.builder().build().writeValueAsString(this.carrier);

		assertThat(json).doesNotContain(SECRET)
			.doesNotContain("material")
			.contains("\"kind\":\"API_KEY\"")
			.contains("X-API-Key");
	}

	@Test
	void jackson3WritesContextWithoutMaterial() {
		String json = JsonMapper.builder().build().writeValueAsString(this.context);

		assertThat(json).doesNotContain(SECRET).doesNotContain("UNIQUE-SECRET").contains("alice").contains("ADMIN");
	}

	@Test
	void jackson2WritesCarrierWithoutMaterial() throws Exception {
		String json = new ObjectMapper().writeValueAsString(this.carrier);

		assertThat(json).doesNotContain(SECRET)
			.doesNotContain("material")
			.contains("\"kind\":\"API_KEY\"")
			.contains("X-API-Key");
	}

	@Test
	void jackson2WritesContextWithoutMaterial() throws Exception {
		String json = new ObjectMapper().findAndRegisterModules().writeValueAsString(this.context);

		assertThat(json).doesNotContain(SECRET).doesNotContain("UNIQUE-SECRET").contains("alice").contains("ADMIN");
	}

}
