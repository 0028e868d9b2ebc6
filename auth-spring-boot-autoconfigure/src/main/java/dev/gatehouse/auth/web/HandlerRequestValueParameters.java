package dev.gatehouse.auth.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.ZoneId;
import java.util.Locale;
import java.util.TimeZone;

import dev.gatehouse.auth.metadata.RequestValueParameters;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.MatrixVariable;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;

/**
 * The request values of Spring MVC handler methods: a {@code @Controller}'s
 * request-mapped method (also through an interface's {@code @RequestMapping} or
 * {@code @HttpExchange}) receives request values in the parameters annotated
 * {@code @PathVariable}, {@code @RequestParam}, {@code @RequestHeader},
 * {@code @RequestBody}, {@code @RequestPart}, {@code @ModelAttribute},
 * {@code @CookieValue} or {@code @MatrixVariable}, and in an un-annotated parameter of a
 * simple type, which Spring MVC binds as a request parameter.
 *
 * <p>
 * Everything else counts as a value from code: {@code @RequestAttribute},
 * {@code @SessionAttribute}, {@code @Value}, {@code Principal}, {@code Locale}, and any
 * parameter carrying another annotation or of a non-simple type without one, since an
 * application's own argument resolver may supply it (annotate such a form object with
 * {@code @ModelAttribute} to have it count). Methods of other beans receive no request
 * values. Parameter annotations are read as Spring MVC reads them, including those
 * declared on an interface the handler implements. Thread-safe; consulted once per
 * boundary.
 */
public final class HandlerRequestValueParameters implements RequestValueParameters {

	// By name: server-side @HttpExchange controller interfaces need spring-web's service
	// package, which may be absent.
	private static final String HTTP_EXCHANGE = "org.springframework.web.service.annotation.HttpExchange";

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	@Override
	public @Nullable String @Nullable [] describe(Method method, Class<?> targetClass) {
		if (!AnnotatedElementUtils.hasAnnotation(targetClass, Controller.class) || !isHandlerMethod(method)) {
			return null;
		}
		MethodParameter[] parameters = new AnnotatedMethod(method).getMethodParameters();
		@Nullable String[] described = new String[parameters.length];
		boolean any = false;
		for (int i = 0; i < parameters.length; i++) {
			MethodParameter parameter = parameters[i];
			parameter.initParameterNameDiscovery(this.parameterNames);
			described[i] = describe(parameter);
			any |= described[i] != null;
		}
		return any ? described : null;
	}

	private static boolean isHandlerMethod(Method method) {
		MergedAnnotations annotations = MergedAnnotations.from(method, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY);
		return annotations.isPresent(RequestMapping.class) || annotations.isPresent(HTTP_EXCHANGE);
	}

	private static @Nullable String describe(MethodParameter parameter) {
		PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
		if (pathVariable != null) {
			return "path variable '" + name(pathVariable.name(), pathVariable.value(), parameter) + "'";
		}
		RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
		if (requestParam != null) {
			return "request parameter '" + name(requestParam.name(), requestParam.value(), parameter) + "'";
		}
		RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
		if (requestHeader != null) {
			return "request header '" + name(requestHeader.name(), requestHeader.value(), parameter) + "'";
		}
		CookieValue cookie = parameter.getParameterAnnotation(CookieValue.class);
		if (cookie != null) {
			return "cookie '" + name(cookie.name(), cookie.value(), parameter) + "'";
		}
		MatrixVariable matrixVariable = parameter.getParameterAnnotation(MatrixVariable.class);
		if (matrixVariable != null) {
			return "matrix variable '" + name(matrixVariable.name(), matrixVariable.value(), parameter) + "'";
		}
		RequestPart requestPart = parameter.getParameterAnnotation(RequestPart.class);
		if (requestPart != null) {
			return "request part '" + name(requestPart.name(), requestPart.value(), parameter) + "'";
		}
		if (parameter.hasParameterAnnotation(RequestBody.class)) {
			return "request body";
		}
		ModelAttribute modelAttribute = parameter.getParameterAnnotation(ModelAttribute.class);
		if (modelAttribute != null) {
			return "model attribute '" + name(modelAttribute.name(), modelAttribute.value(), parameter) + "'";
		}
		if (isUnannotated(parameter) && isSimple(parameter)) {
			return "request parameter '" + name("", "", parameter) + "'";
		}
		return null;
	}

	private static String name(String name, String value, MethodParameter parameter) {
		if (!name.isEmpty()) {
			return name;
		}
		if (!value.isEmpty()) {
			return value;
		}
		String parameterName = parameter.getParameterName();
		return (parameterName != null) ? parameterName : "arg" + parameter.getParameterIndex();
	}

	// Null-safety and validation annotations change nothing about where Spring MVC takes
	// the value from; any other annotation may belong to an application's own resolver.
	private static boolean isUnannotated(MethodParameter parameter) {
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			String name = annotation.annotationType().getName();
			if (!name.startsWith("jakarta.validation.") && !name.startsWith("javax.validation.")
					&& !name.startsWith("org.jspecify.") && !name.startsWith("org.springframework.lang.")
					&& !name.startsWith("org.springframework.validation.annotation.")) {
				return false;
			}
		}
		return true;
	}

	// As Spring MVC's catch-all request-parameter resolver decides, minus the simple
	// types its request resolver fills from the locale context first.
	private static boolean isSimple(MethodParameter parameter) {
		Class<?> type = parameter.nestedIfOptional().getNestedParameterType();
		return BeanUtils.isSimpleProperty(type) && !Locale.class.equals(type) && !TimeZone.class.equals(type)
				&& !ZoneId.class.isAssignableFrom(type);
	}

}
