package dev.gatehouse.auth.enforcement;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextNotFoundException;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthMetadataResolver;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.metadata.ParameterInvocationResolver;
import dev.gatehouse.auth.metadata.RequestValueParameters;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.InvocationResolver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A dynamic reference left without a value (null or blank) by a parameter that receives a
 * request value refuses the call as the client's mistake; one left without a value by
 * code stays ERROR/INTERNAL_ERROR. A protected call without a context is refused with the
 * rejection of the credential it presented, when one is known.
 */
class RequestValueEnforcementTests {

	private static final AuthContext ALICE = AuthContext.builder("alice").roles("admin").build();

	// The first parameter of every method below is a "request value"; the second is not.
	private static final RequestValueParameters FIRST_FROM_REQUEST = (method,
			targetClass) -> new String[] { "path variable '" + method.getParameters()[0].getName() + "'", null };

	private final List<String> invoked = new CopyOnWriteArrayList<>();

	private final AuthRequirementEvaluator evaluator = new AuthRequirementEvaluator(() -> (request) -> allow(),
			() -> null, () -> (request) -> allow(), () -> null, () -> null);

	private AuthContextScope scope = AuthContextHolder.open(ALICE);

	@AfterEach
	void close() {
		this.scope.close();
	}

	@Test
	void refusesANullOrBlankRequestValueAsTheClientsMistake() {
		Reports reports = proxy(new AuthMetadataResolver(new ParameterInvocationResolver(), FIRST_FROM_REQUEST));
		for (String tenant : new String[] { null, "", " ", "\t\n" }) {
			assertThatExceptionOfType(RequestValueMissingException.class)
				.isThrownBy(() -> reports.report(tenant, "code"))
				.withMessage("Required path variable 'tenant' is missing or blank.")
				.satisfies((ex) -> assertThat(ex.getRequestValue()).isEqualTo("path variable 'tenant'"));
		}
		assertThat(this.invoked).isEmpty();
	}

	@Test
	void refusesANullOrBlankValueFromCodeAsAnInternalError() {
		Reports reports = proxy(new AuthMetadataResolver(new ParameterInvocationResolver(), FIRST_FROM_REQUEST));
		for (String code : new String[] { null, " " }) {
			assertThatExceptionOfType(AuthRequirementDeniedException.class)
				.isThrownBy(() -> reports.report("acme", code))
				.satisfies((ex) -> assertThat(ex.decision().reasonCode())
					.isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR));
		}
		assertThat(this.invoked).isEmpty();
	}

	@Test
	void namesTheFirstValueThatIsMissingInATemplateWithSeveral() {
		Reports reports = proxy(new AuthMetadataResolver(new ParameterInvocationResolver(), FIRST_FROM_REQUEST));
		assertThatExceptionOfType(RequestValueMissingException.class).isThrownBy(() -> reports.both(" ", "x"));
		assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(() -> reports.both("x", null));
		reports.both("x", "y");
		assertThat(this.invoked).containsExactly("both");
	}

	@Test
	void treatsEverythingAsCodeWithoutRequestValues() {
		Reports reports = proxy(new AuthMetadataResolver());
		assertThatExceptionOfType(AuthRequirementDeniedException.class).isThrownBy(() -> reports.report(" ", "x"));
	}

	@Test
	void treatsAMissingValueAsCodeWhenTheResolverCannotTellWhichParameterItIs() {
		InvocationResolver opaque = (method, template) -> {
			InvocationResolver.Reference delegate = new ParameterInvocationResolver().prepare(method, template);
			return new InvocationResolver.Reference() {

				@Override
				public String template() {
					return delegate.template();
				}

				@Override
				public @Nullable String resolve(@Nullable Object[] arguments) {
					return delegate.resolve(arguments);
				}

			};
		};
		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> proxy(new AuthMetadataResolver(opaque, FIRST_FROM_REQUEST)).report(null, "x"));
		InvocationResolver failing = (method, template) -> new InvocationResolver.Reference() {

			@Override
			public String template() {
				return template;
			}

			@Override
			public @Nullable String resolve(@Nullable Object[] arguments) {
				return null;
			}

			@Override
			public int unresolvedParameter(@Nullable Object[] arguments) {
				throw new IllegalStateException("cannot tell");
			}

		};
		assertThatExceptionOfType(AuthRequirementDeniedException.class)
			.isThrownBy(() -> proxy(new AuthMetadataResolver(failing, FIRST_FROM_REQUEST)).report("acme", "x"))
			.satisfies(
					(ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INTERNAL_ERROR));
		assertThat(this.invoked).isEmpty();
	}

	@Test
	void failsTheFutureOfAFutureReturningMethod() {
		Reports reports = proxy(new AuthMetadataResolver(new ParameterInvocationResolver(), FIRST_FROM_REQUEST));
		CompletableFuture<String> future = reports.later(" ");
		assertThat(future).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(future::get)
			.withCauseInstanceOf(RequestValueMissingException.class);
		assertThat(this.invoked).isEmpty();
	}

	@Test
	void refusesAMissingContextWithTheRejectionOfTheCallsCredential() {
		AuthenticationFailedException rejection = new AuthenticationFailedException(AuthorizationDecision
			.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The API key is not valid."));
		this.evaluator.setRejectedCredentialLookup(() -> rejection);
		EffectiveAuthMetadata metadata = metadata("admin");
		assertThatExceptionOfType(AuthContextNotFoundException.class)
			.isThrownBy(() -> this.evaluator.enforce(metadata, null))
			.withMessageContaining("INVALID_CREDENTIAL")
			.withCause(rejection)
			.satisfies((ex) -> assertThat(ex.decision()).isEqualTo(rejection.decision()));
	}

	@Test
	void refusesAMissingContextAsMissingCredentialWhenNoRejectionIsKnown() {
		EffectiveAuthMetadata metadata = metadata("admin");
		assertThatExceptionOfType(AuthContextNotFoundException.class)
			.isThrownBy(() -> this.evaluator.enforce(metadata, null))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.MISSING_CREDENTIAL));
		this.evaluator.setRejectedCredentialLookup(() -> {
			throw new IllegalStateException("lookup failed");
		});
		assertThatExceptionOfType(AuthContextNotFoundException.class)
			.isThrownBy(() -> this.evaluator.enforce(metadata, null))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.MISSING_CREDENTIAL));
	}

	private EffectiveAuthMetadata metadata(String name) {
		Method method = ReflectionUtils.findMethod(Reports.class, name);
		return new AuthMetadataResolver().resolve(method, Reports.class);
	}

	private Reports proxy(AuthMetadataResolver resolver) {
		ProxyFactory factory = new ProxyFactory(new Reports(this.invoked));
		factory.setProxyTargetClass(true);
		factory.addAdvice(new AuthorizationMethodInterceptor(resolver, () -> this.evaluator));
		return (Reports) factory.getProxy();
	}

	private static AuthorizationDecision allow() {
		return AuthorizationDecision.allow();
	}

	static class Reports {

		private final List<String> invoked;

		Reports(List<String> invoked) {
			this.invoked = invoked;
		}

		@RequirePermission(value = "reports:read", resource = "report:{code}", tenant = "{tenant}")
		public void report(@Nullable String tenant, @Nullable String code) {
			this.invoked.add("report");
		}

		@RequirePermission(value = "reports:read", resource = "{first}/{second}")
		public void both(@Nullable String first, @Nullable String second) {
			this.invoked.add("both");
		}

		@RequirePermission(value = "reports:read", resource = "report:{code}")
		public CompletableFuture<String> later(@Nullable String code) {
			this.invoked.add("later");
			return CompletableFuture.completedFuture(code);
		}

		@RequireRole("admin")
		public void admin() {
			this.invoked.add("admin");
		}

	}

}
