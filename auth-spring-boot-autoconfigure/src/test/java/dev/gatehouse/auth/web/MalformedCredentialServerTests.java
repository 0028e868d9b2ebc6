package dev.gatehouse.auth.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed credentials against a real Tomcat: each is a 4xx on a protected endpoint (401
 * from Gatehouse, or the container's own 400/431 past its header size limit), never a
 * 500, and nothing of the submitted secret shows up in the response or the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = BoundaryTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG" })
class MalformedCredentialServerTests {

	private static final String SECRET = "CANARY-s3cr3t-7Hq2xV";

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void answersMalformedBearerHeadersWith401(CapturedOutput output) throws Exception {
		String[] malformed = { "Bearer", "Bearer  " + SECRET + " y", "Bearer " + SECRET + " extra",
				"Bearer " + SECRET + ",other", "Token " + SECRET, "Bearer " + SECRET + "\"" };
		for (String value : malformed) {
			HttpResponse<String> response = get("/documents/1", "Authorization", value);
			assertThat(response.statusCode()).as(value).isEqualTo(401);
			assertThat(response.body()).as(value)
				.contains("\"reasonCode\":\"INVALID_CREDENTIAL\"")
				.doesNotContain(SECRET);
			assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).doesNotContain(SECRET);
		}
		assertThat(output).doesNotContain(SECRET).contains("Credential rejected for GET /documents/1");
	}

	@Test
	void answersWrongApiKeyWith401WithoutEchoingIt(CapturedOutput output) throws Exception {
		HttpResponse<String> response = get("/documents/1", "X-API-Key", SECRET);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"reasonCode\":\"INVALID_CREDENTIAL\"").doesNotContain(SECRET);
		assertThat(output).doesNotContain(SECRET);
	}

	@Test
	void answersNonAsciiBytesWith401(CapturedOutput output) throws Exception {
		byte[] value = ("Authorization: Bearer " + SECRET).getBytes(StandardCharsets.US_ASCII);
		byte[] withHighBytes = new byte[value.length + 2];
		System.arraycopy(value, 0, withHighBytes, 0, value.length);
		withHighBytes[value.length] = (byte) 0xC3;
		withHighBytes[value.length + 1] = (byte) 0xA9;
		RawHttp.Response response = RawHttp.get(this.port, "/documents/1", withHighBytes);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text()).contains("\"reasonCode\":\"INVALID_CREDENTIAL\"").doesNotContain(SECRET);
		assertThat(output).doesNotContain(SECRET);
	}

	@Test
	void answersRepeatedAuthorizationHeadersWith401(CapturedOutput output) throws Exception {
		RawHttp.Response response = RawHttp.get(this.port, "/documents/1",
				RawHttp.line("Authorization: Bearer " + SECRET), RawHttp.line("Authorization: Bearer " + SECRET));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text()).contains("\"reasonCode\":\"INVALID_CREDENTIAL\"").doesNotContain(SECRET);
		assertThat(output).doesNotContain(SECRET);
	}

	@Test
	void answersControlCharacterInHeaderWith4xx(CapturedOutput output) throws Exception {
		RawHttp.Response response = RawHttp.get(this.port, "/documents/1",
				RawHttp.line("Authorization: Bearer " + SECRET + "\u0001x"));
		assertThat(response.status()).isBetween(400, 499);
		assertThat(response.text()).doesNotContain(SECRET);
		assertThat(output).doesNotContain(SECRET);
	}

	@Test
	void answersOversizedHeaderWith4xxFromContainerOrGatehouse(CapturedOutput output) throws Exception {
		String huge = "Bearer " + (SECRET + "x").repeat(64 * 1024 / (SECRET.length() + 1));
		RawHttp.Response response = RawHttp.get(this.port, "/documents/1", RawHttp.line("Authorization: " + huge));
		assertThat(response.status()).isIn(400, 401, 431);
		assertThat(response.text()).doesNotContain(SECRET);
		assertThat(output).doesNotContain(SECRET);
		// The server is still serving afterwards.
		assertThat(get("/public/whoami").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
