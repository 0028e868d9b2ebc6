package dev.gatehouse.auth.springsecurity;

import java.util.List;

import dev.gatehouse.auth.annotation.Protected;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.context.AuthContextHolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.stereotype.Service;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * A {@code @WebMvcTest} slice with Spring Security's test support: Gatehouse decides from
 * the mock authentication ({@code @WithMockUser}, the {@code jwt()} post-processor) that
 * Spring Security's filter chain put in place, and Gatehouse's annotations work beside
 * {@code @PreAuthorize} and {@code @Secured} on the same methods, with Gatehouse's
 * advisor outermost.
 */
@Tag("spring-security")
@WebMvcTest(SpringSecurityWebMvcTests.AuditController.class)
class SpringSecurityWebMvcTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	@WithMockUser(username = "ada", roles = "auditor")
	void decidesFromTheMockUser() {
		assertThat(this.mvc.get().uri("/audit")).hasStatusOk().hasBodyTextEqualTo("audited by ada [auditor]");
	}

	@Test
	@WithMockUser(username = "bob", roles = "USER")
	void refusesTheMockUserWithGatehousesProblem() {
		assertThat(this.mvc.get().uri("/audit")).hasStatus(HttpStatus.FORBIDDEN)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.reasonCode")
			.isEqualTo("INSUFFICIENT_ROLE");
	}

	@Test
	void decidesFromAMockJwtByItsScopeAuthoritiesAndRolesClaim() {
		assertThat(this.mvc.get()
			.uri("/reports")
			.with(jwt().jwt((token) -> token.subject("svc-7").claim("roles", List.of("auditor")))
				.authorities(new SimpleGrantedAuthority("SCOPE_reports.read"))))
			.hasStatusOk()
			.hasBodyTextEqualTo("reports for svc-7");
		assertThat(this.mvc.get().uri("/reports").with(jwt().authorities(new SimpleGrantedAuthority("SCOPE_profile"))))
			.hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.reasonCode")
			.isEqualTo("INSUFFICIENT_SCOPE");
		assertThat(this.mvc.get()
			.uri("/audit")
			.with(jwt().jwt((token) -> token.subject("svc-7").claim("roles", List.of("auditor"))))).hasStatusOk()
			.hasBodyTextEqualTo("audited by svc-7 [auditor]");
	}

	@Test
	@WithMockUser(username = "ada", roles = { "auditor", "reader" })
	void runsMethodsThatBothGatehouseAndPreAuthorizeAllow() {
		assertThat(this.mvc.get().uri("/both")).hasStatusOk().hasBodyTextEqualTo("both");
	}

	@Test
	@WithMockUser(username = "eve", roles = "USER")
	void gatehouseDecidesFirstWhenNeitherAllows() {
		// Were Spring Security's interceptor outermost, its AccessDeniedException would
		// answer with Spring Security's bare 403 and no reasonCode.
		assertThat(this.mvc.get().uri("/both")).hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.extractingPath("$.reasonCode")
			.isEqualTo("INSUFFICIENT_ROLE");
	}

	@Test
	@WithMockUser(username = "ada", roles = "auditor")
	void springSecuritysOwnAnnotationsStillApply() {
		assertThat(this.mvc.get().uri("/secured")).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/both")).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	@WithMockUser(username = "rita", roles = "reader")
	void springSecuritysSecuredAllowsBesideGatehouse() {
		assertThat(this.mvc.get().uri("/secured")).hasStatusOk().hasBodyTextEqualTo("secured for rita");
	}

	@SpringBootConfiguration
	@EnableMethodSecurity(securedEnabled = true)
	@Import({ AuditController.class, AuditService.class })
	static class SliceConfiguration {

	}

	@RestController
	static class AuditController {

		private final AuditService service;

		AuditController(AuditService service) {
			this.service = service;
		}

		@GetMapping("/audit")
		@RequireRole("auditor")
		String audit() {
			return "audited by " + AuthContextHolder.require().subject().id() + " "
					+ AuthContextHolder.require().roles();
		}

		@GetMapping("/reports")
		@RequireScope("reports.read")
		String reports() {
			return "reports for " + AuthContextHolder.require().subject().id();
		}

		@GetMapping("/both")
		String both() {
			return this.service.both();
		}

		@GetMapping("/secured")
		String secured() {
			return this.service.secured();
		}

	}

	@Service
	static class AuditService {

		@RequireRole("auditor")
		@PreAuthorize("hasRole('reader')")
		String both() {
			return "both";
		}

		@Protected
		@Secured("ROLE_reader")
		String secured() {
			return "secured for " + AuthContextHolder.require().subject().id();
		}

	}

}
