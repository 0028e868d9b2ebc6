package dev.gatehouse.auth.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.gatehouse.auth.audit.AuthDecisionEvent;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Observations of an HTTP request: one {@code gatehouse.authentication} for the
 * credential and one {@code gatehouse.authorization} for the protected handler, both
 * tagged as HTTP boundaries.
 */
@SpringBootTest(classes = { BoundaryTestApplication.class, HttpObservationMockMvcTests.RegistryConfiguration.class },
		webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		// The handler's check is an observation only in this mode; the default records a
		// timer.
		properties = "gatehouse.observation.authorization=observation")
class HttpObservationMockMvcTests {

	private static final String API_KEY = "X-API-Key";

	@Autowired
	private WebApplicationContext context;

	@Autowired
	@Qualifier("gatehouseAuthContextFilter")
	private FilterRegistrationBean<? extends Filter> filter;

	@Autowired
	private TestObservationRegistry registry;

	@Autowired
	private List<AuthDecisionEvent> events;

	private MockMvcTester mvc;

	@BeforeEach
	void setUp() {
		this.registry.clear();
		this.mvc = MockMvcTester.from(this.context, (builder) -> builder.addFilters(this.filter.getFilter()).build());
	}

	@Test
	void recordsOneAuthenticationAndOneAuthorizationForAnAllowedRequest() {
		assertThat(this.mvc.get().uri("/admin").header(API_KEY, BoundaryTestApplication.ADMIN_KEY)).hasStatusOk();
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("gatehouse.authentication", 1)
			.hasNumberOfObservationsWithNameEqualTo("gatehouse.authorization", 1)
			.hasObservationWithNameEqualTo("gatehouse.authentication")
			.that()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "ALLOW")
			.hasLowCardinalityKeyValue("gatehouse.boundary.kind", "HTTP")
			.hasHighCardinalityKeyValue("gatehouse.boundary", "GET /admin");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("gatehouse.authorization")
			.that()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "ALLOW")
			.hasLowCardinalityKeyValue("gatehouse.boundary.kind", "HTTP")
			.hasHighCardinalityKeyValue("gatehouse.boundary", "/admin");
	}

	@Test
	void recordsTheDenialOfARequestWithoutTheRole() {
		assertThat(this.mvc.get().uri("/admin").header(API_KEY, BoundaryTestApplication.READER_KEY))
			.hasStatus(HttpStatus.FORBIDDEN);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("gatehouse.authorization")
			.that()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "DENY")
			.hasLowCardinalityKeyValue("gatehouse.reason.code", "INSUFFICIENT_ROLE");
	}

	@Test
	void recordsTheRejectionOfAnInvalidCredential() {
		assertThat(this.mvc.get().uri("/admin").header(API_KEY, "not-a-key")).hasStatus(HttpStatus.UNAUTHORIZED);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("gatehouse.authentication")
			.that()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "CHALLENGE")
			.hasLowCardinalityKeyValue("gatehouse.reason.code", "INVALID_CREDENTIAL");
	}

	@Test
	void recordsTheRefusedHandlerOfAnInvalidCredentialWithTheRejectionsReason() {
		assertThat(this.mvc.get().uri("/admin").header(API_KEY, "not-a-key")).hasStatus(HttpStatus.UNAUTHORIZED);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("gatehouse.authorization")
			.that()
			.hasLowCardinalityKeyValue("gatehouse.decision.state", "CHALLENGE")
			.hasLowCardinalityKeyValue("gatehouse.reason.code", "INVALID_CREDENTIAL");
	}

	@Test
	void publishesTheRejectedCredentialAndTheRefusedHandlerAsHttpDecisions() {
		this.events.clear();
		assertThat(this.mvc.get().uri("/admin").header(API_KEY, "not-a-key")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.events)
			.extracting(AuthDecisionEvent::getBoundaryKind, AuthDecisionEvent::getRequirement,
					(event) -> event.getDecision().reasonCode())
			.containsExactly(tuple(AuthBoundaryKind.HTTP, "authentication", AuthorizationReasonCode.INVALID_CREDENTIAL),
					tuple(AuthBoundaryKind.HTTP, "ROLE(ADMIN)", AuthorizationReasonCode.INVALID_CREDENTIAL));
		assertThat(this.events.get(0).getBoundary()).isEqualTo("GET /admin");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		List<AuthDecisionEvent> recordedDecisions() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		ApplicationListener<AuthDecisionEvent> decisionRecorder(List<AuthDecisionEvent> recordedDecisions) {
			return recordedDecisions::add;
		}

	}

}
