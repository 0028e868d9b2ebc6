package dev.gatehouse.auth.outbound;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Host binding: which request URIs a registration's credential may go to.
 */
class AllowedHostsTests {

	@Test
	void aHostAloneMeansTheSchemesDefaultPort() {
		AllowedHosts hosts = AllowedHosts.of(List.of("API.example.com"));
		assertThat(hosts.allows(URI.create("https://api.example.com/v1"))).isTrue();
		assertThat(hosts.allows(URI.create("https://api.EXAMPLE.com:443/v1"))).isTrue();
		assertThat(hosts.allows(URI.create("http://api.example.com/v1"))).isTrue();
		assertThat(hosts.allows(URI.create("http://api.example.com:80/v1"))).isTrue();
		assertThat(hosts.allows(URI.create("https://api.example.com:8443/v1"))).isFalse();
		assertThat(hosts.allows(URI.create("http://api.example.com:443/v1"))).isFalse();
		assertThat(hosts.allows(URI.create("ftp://api.example.com/v1"))).isFalse();
		assertThat(hosts.allows(URI.create("https://api.example.com.evil.test/v1"))).isFalse();
		assertThat(hosts.allows(URI.create("https://evil.test/?api.example.com"))).isFalse();
		assertThat(hosts.entries()).containsExactly("api.example.com");
		assertThat(hosts).hasToString("AllowedHosts[api.example.com]");
	}

	@Test
	void aPortMeansThatPortAndAStarAnyPort() {
		AllowedHosts hosts = AllowedHosts.of(List.of("127.0.0.1:8443", " localhost:* ", "[::1]:9000", "[::2]"));
		assertThat(hosts.allows(URI.create("https://127.0.0.1:8443/"))).isTrue();
		assertThat(hosts.allows(URI.create("http://127.0.0.1:8443/"))).isTrue();
		assertThat(hosts.allows(URI.create("https://127.0.0.1/"))).isFalse();
		assertThat(hosts.allows(URI.create("http://localhost:1234/"))).isTrue();
		assertThat(hosts.allows(URI.create("http://LOCALHOST/"))).isTrue();
		assertThat(hosts.allows(URI.create("http://[::1]:9000/"))).isTrue();
		assertThat(hosts.allows(URI.create("http://[::1]:9001/"))).isFalse();
		assertThat(hosts.allows(URI.create("https://[::2]/"))).isTrue();
		assertThat(hosts.allows(URI.create("mailto:someone@localhost"))).isFalse();
		assertThat(hosts.allows(URI.create("/relative"))).isFalse();
		assertThat(hosts.allows(null)).isFalse();
	}

	@Test
	void nothingIsAllowedByAnEmptyList() {
		assertThat(AllowedHosts.of(List.of()).allows(URI.create("http://localhost/"))).isFalse();
	}

	@Test
	void refusesEntriesThatAreNotAHostOrHostAndPort() {
		for (String entry : Arrays.asList("", " ", null, "http://api.example.com", "api.example.com/v1", "host:0",
				"host:65536", "host:port", "host:", ":80", "::1", "[::1", "[]:80", "[zz]:80", "user@host")) {
			assertThatIllegalArgumentException().as(String.valueOf(entry))
				.isThrownBy(() -> AllowedHosts.of(Arrays.asList(entry)));
		}
	}

	@Test
	void takesTheHostAndPortOfABaseUrl() {
		assertThat(AllowedHosts.ofBaseUrl("http://127.0.0.1:8080/api").entries()).containsExactly("127.0.0.1:8080");
		assertThat(AllowedHosts.ofBaseUrl("https://billing.internal").entries()).containsExactly("billing.internal");
		assertThatIllegalArgumentException().isThrownBy(() -> AllowedHosts.ofBaseUrl("/api"));
		assertThatIllegalArgumentException().isThrownBy(() -> AllowedHosts.ofBaseUrl("http://"));
	}

}
