package dev.gatehouse.auth.metadata;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.gatehouse.auth.annotation.RequirePermission;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.spi.InvocationResolver.Reference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blank text leaves a reference without a value like {@code null} does, the compiled
 * reference tells which parameter stopped it, and the boundary's metadata knows, from
 * resolution time on, which parameters receive request values.
 */
class RequestValueReferencesTests {

	private final ParameterInvocationResolver resolver = new ParameterInvocationResolver();

	@Test
	void leavesAReferenceWithoutValueForBlankText() {
		Reference reference = this.resolver.prepare(method("text"), "doc:{id}");
		assertThat(reference.resolve(new Object[] { "42", null })).isEqualTo("doc:42");
		assertThat(reference.resolve(new Object[] { " 4 ", null })).isEqualTo("doc: 4 ");
		for (Object blank : Arrays.asList(null, "", " ", "\t", "\u2003")) {
			assertThat(reference.resolve(new Object[] { blank, null })).as(String.valueOf(blank)).isNull();
		}
	}

	@Test
	void leavesAReferenceWithoutValueForBlankTextOfAnyDeclaredType() {
		Reference reference = this.resolver.prepare(method("anything"), "doc:{value}");
		assertThat(reference.resolve(new Object[] { 7L })).isEqualTo("doc:7");
		assertThat(reference.resolve(new Object[] { new StringBuilder("x") })).isEqualTo("doc:x");
		assertThat(reference.resolve(new Object[] { new StringBuilder(" ") })).isNull();
		assertThat(reference.resolve(new Object[] { "" })).isNull();
	}

	@Test
	void tellsWhichParameterLeftTheReferenceWithoutValue() {
		Reference reference = this.resolver.prepare(method("text"), "{id}/{owner.name}");
		assertThat(reference.unresolvedParameter(new Object[] { " ", new Owner("ada") })).isZero();
		assertThat(reference.unresolvedParameter(new Object[] { "42", null })).isEqualTo(1);
		assertThat(reference.unresolvedParameter(new Object[] { "42", new Owner(" ") })).isEqualTo(1);
		assertThat(reference.unresolvedParameter(new Object[] { "42", new Owner("ada") })).isEqualTo(-1);
	}

	@Test
	void answersUnknownWhenAGetterFailsWhileLooking() {
		Reference reference = this.resolver.prepare(method("failing"), "{owner.name}");
		assertThat(reference.unresolvedParameter(new Object[] { new FailingOwner() })).isEqualTo(-1);
	}

	@Test
	void recordsTheRequestValuesOfABoundaryWithPlaceholders() {
		List<String> asked = new ArrayList<>();
		RequestValueParameters requestValues = (method, targetClass) -> {
			asked.add(method.getName() + "@" + targetClass.getSimpleName());
			return new String[] { "path variable 'id'", null };
		};
		AuthMetadataResolver metadata = new AuthMetadataResolver(this.resolver, requestValues);
		DynamicReferences references = metadata.resolve(method("text"), Handlers.class).references();
		assertThat(references.requestValue(0)).isEqualTo("path variable 'id'");
		assertThat(references.requestValue(1)).isNull();
		assertThat(references.requestValue(-1)).isNull();
		assertThat(references.requestValue(2)).isNull();
		assertThat(metadata.resolve(method("fixed"), Handlers.class).references()).isSameAs(DynamicReferences.NONE);
		metadata.resolve(method("text"), Handlers.class);
		assertThat(asked).containsExactly("text@Handlers");
	}

	@Test
	void comparesReferencesWithTheirRequestValues() {
		AuthMetadataResolver plain = new AuthMetadataResolver(this.resolver);
		AuthMetadataResolver requestBound = new AuthMetadataResolver(this.resolver,
				(method, targetClass) -> new String[] { "path variable 'id'", null });
		DynamicReferences fromCode = plain.resolve(method("text"), Handlers.class).references();
		DynamicReferences fromRequest = requestBound.resolve(method("text"), Handlers.class).references();
		assertThat(fromCode)
			.isEqualTo(new AuthMetadataResolver(this.resolver).resolve(method("text"), Handlers.class).references())
			.hasSameHashCodeAs(plain.resolve(method("text"), Handlers.class).references());
		assertThat(fromRequest).isNotEqualTo(fromCode);
		assertThat(fromCode.requestValue(0)).isNull();
	}

	private static Method method(String name) {
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(Handlers.class)) {
			if (method.getName().equals(name)) {
				return method;
			}
		}
		throw new IllegalArgumentException(name);
	}

	record Owner(@Nullable String name) {
	}

	static class FailingOwner {

		public String getName() {
			throw new IllegalStateException("no name");
		}

	}

	static class Handlers {

		@RequirePermission(value = "doc:read", resource = "doc:{id}")
		public void text(@Nullable String id, @Nullable Owner owner) {
		}

		public void anything(@Nullable Object value) {
		}

		public void failing(FailingOwner owner) {
		}

		@RequireRole("admin")
		public void fixed(String id) {
		}

	}

}
