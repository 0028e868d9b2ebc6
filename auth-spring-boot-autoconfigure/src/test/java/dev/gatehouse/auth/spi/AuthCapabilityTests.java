package dev.gatehouse.auth.spi;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@link AuthCapability} names the one port interface a bean implements to provide
 * it, with the method signature of SPEC §5.
 */
class AuthCapabilityTests {

	static Stream<Arguments> ports() {
		return Stream.of(
				Arguments.of(AuthCapability.AUTHENTICATION, Authenticator.class, "authenticate", AuthContext.class,
						List.of(CredentialCarrier.class, AuthInvocation.class)),
				Arguments.of(AuthCapability.POLICY_EVALUATION, PolicyEvaluator.class, "evaluatePolicy",
						AuthorizationDecision.class, List.of(AuthorizationRequest.class)),
				Arguments.of(AuthCapability.PERMISSION_CHECK, PermissionChecker.class, "checkPermission",
						AuthorizationDecision.class, List.of(PermissionCheckRequest.class)),
				Arguments.of(AuthCapability.ROLE_CHECK, RoleChecker.class, "checkRole", AuthorizationDecision.class,
						List.of(RoleCheckRequest.class)),
				Arguments.of(AuthCapability.SCOPE_CHECK, ScopeChecker.class, "checkScope", AuthorizationDecision.class,
						List.of(ScopeCheckRequest.class)),
				Arguments.of(AuthCapability.RELATION_CHECK, RelationChecker.class, "checkRelation",
						AuthorizationDecision.class, List.of(RelationCheckRequest.class)),
				Arguments.of(AuthCapability.SNAPSHOT_SIGN, SnapshotSigner.class, "sign", AuthContextSnapshot.class,
						List.of(SnapshotSignRequest.class)),
				Arguments.of(AuthCapability.SNAPSHOT_VERIFY, SnapshotVerifier.class, "verify", AuthContext.class,
						List.of(String.class, AuthInvocation.class)),
				Arguments.of(AuthCapability.PASSWORD_HASH, PasswordHasher.class, "hash", String.class,
						List.of(CharSequence.class)),
				Arguments.of(AuthCapability.PASSWORD_VERIFY, PasswordVerifier.class, "verify",
						AuthorizationDecision.class, List.of(CharSequence.class, String.class)));
	}

	@Test
	void capabilitiesAreExactlyThoseOfTheContract() {
		assertThat(AuthCapability.values()).extracting(Enum::name)
			.containsExactly("AUTHENTICATION", "POLICY_EVALUATION", "PERMISSION_CHECK", "ROLE_CHECK", "SCOPE_CHECK",
					"RELATION_CHECK", "SNAPSHOT_SIGN", "SNAPSHOT_VERIFY", "PASSWORD_HASH", "PASSWORD_VERIFY");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("ports")
	void portTypeIsTheMatchingPortInterface(AuthCapability capability, Class<?> port, String methodName,
			Class<?> returnType, List<Class<?>> parameterTypes) throws Exception {
		assertThat(capability.portType()).isEqualTo(port);
		assertThat(port.isInterface()).isTrue();
		assertThat(Modifier.isPublic(port.getModifiers())).isTrue();

		Method method = port.getMethod(methodName, parameterTypes.toArray(Class<?>[]::new));
		assertThat(method.getReturnType()).isEqualTo(returnType);
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("ports")
	void portHasExactlyOneAbstractMethod(AuthCapability capability, Class<?> port) {
		assertThat(Arrays.stream(port.getMethods()).filter((method) -> Modifier.isAbstract(method.getModifiers())))
			.hasSize(1);
	}

	@Test
	void everyCapabilityHasItsOwnPort() {
		assertThat(Arrays.stream(AuthCapability.values()).map(AuthCapability::portType)).doesNotHaveDuplicates()
			.hasSize(AuthCapability.values().length);
	}

	@Test
	void aLambdaProvidesACapability() {
		RoleChecker checker = (request) -> request.context().hasRole(request.role()) ? AuthorizationDecision.allow()
				: AuthorizationDecision.deny(AuthorizationReasonCode.INSUFFICIENT_ROLE,
						"Role " + request.role() + " is required.");

		assertThat(AuthCapability.ROLE_CHECK.portType().isInstance(checker)).isTrue();
		assertThat(
				checker.checkRole(new RoleCheckRequest(AuthContext.builder("u").roles("admin").build(), "admin", null))
					.isAllowed())
			.isTrue();
	}

}
