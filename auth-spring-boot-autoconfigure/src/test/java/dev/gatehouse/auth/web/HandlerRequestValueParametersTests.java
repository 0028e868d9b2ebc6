package dev.gatehouse.auth.web;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Service;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.MatrixVariable;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which handler parameters carry request values, read once from the annotations as Spring
 * MVC binds them; everything else counts as a value from code.
 */
class HandlerRequestValueParametersTests {

	private final HandlerRequestValueParameters parameters = new HandlerRequestValueParameters();

	@Test
	void namesEachKindOfRequestValue() {
		assertThat(describe(Handlers.class, "annotated")).containsExactly("path variable 'tenant'",
				"path variable 'org'", "request parameter 'id'", "request header 'X-Tenant'", "cookie 'session'",
				"matrix variable 'm'", "request part 'meta'", "request body", "model attribute 'form'");
	}

	@Test
	void countsUnannotatedSimpleParametersAsRequestParameters() {
		assertThat(describe(Handlers.class, "unannotated")).containsExactly("request parameter 'name'",
				"request parameter 'count'", "request parameter 'maybe'", "request parameter 'checked'", null, null,
				null, null);
	}

	@Test
	void countsRequestAttributesAsValuesFromCode() {
		assertThat(describe(Handlers.class, "attribute")).isNull();
	}

	@Test
	void readsParameterAnnotationsDeclaredOnAnInterface() {
		assertThat(describe(InterfaceHandler.class, "read")).containsExactly("path variable 'id'");
	}

	@Test
	void seesNoRequestValuesOutsideControllers() {
		assertThat(describe(Documents.class, "read")).isNull();
	}

	@Test
	void seesNoRequestValuesInAControllersUnmappedMethods() {
		assertThat(describe(Handlers.class, "helper")).isNull();
	}

	private String[] describe(Class<?> type, String name) {
		Method method = null;
		for (Method candidate : ReflectionUtils.getUniqueDeclaredMethods(type)) {
			if (candidate.getName().equals(name)) {
				method = candidate;
			}
		}
		assertThat(method).as(name).isNotNull();
		return this.parameters.describe(method, type);
	}

	record Form(String tenant) {
	}

	@Controller
	static class Handlers {

		@PostMapping("/{tenant}/{org}")
		String annotated(@PathVariable String tenant, @PathVariable("org") String organization,
				@RequestParam(name = "id", required = false) Long id, @RequestHeader("X-Tenant") String header,
				@CookieValue("session") String cookie, @MatrixVariable String m, @RequestPart("meta") String meta,
				@RequestBody Form body, @ModelAttribute("form") Form form) {
			return "";
		}

		@GetMapping("/unannotated")
		String unannotated(String name, int count, Optional<String> maybe, @Validated String checked, Form form,
				Locale locale, Principal principal, @Custom String custom) {
			return "";
		}

		@GetMapping("/attribute")
		String attribute(@RequestAttribute("tenant") String tenant) {
			return tenant;
		}

		String helper(String name) {
			return name;
		}

	}

	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@java.lang.annotation.Target(java.lang.annotation.ElementType.PARAMETER)
	@interface Custom {

	}

	interface DocumentApi {

		@GetMapping("/documents/{id}")
		String read(@PathVariable("id") String id);

	}

	@RestController
	static class InterfaceHandler implements DocumentApi {

		@Override
		public String read(String id) {
			return id;
		}

	}

	@Service
	static class Documents {

		@GetMapping("/not-a-handler/{id}")
		String read(@PathVariable String id) {
			return id;
		}

	}

}
