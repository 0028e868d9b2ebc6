package dev.gatehouse.auth.metadata;

import java.beans.PropertyDescriptor;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.StringConcatException;
import java.lang.invoke.StringConcatFactory;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.gatehouse.auth.spi.InvocationResolver;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.ReflectionUtils;

/**
 * Default {@link InvocationResolver}: {@code {name}} names a method parameter (names from
 * the {@code -parameters} compiler flag), {@code {name.path}} follows record accessors
 * and JavaBean getters from the parameter's declared type. There is no expression
 * language.
 *
 * <p>
 * Each template is compiled once into a single {@link MethodHandle} that reads the
 * arguments, follows the accessors and concatenates the result the way
 * {@code "doc:" + id} would, so a call does no reflection lookup and allocates only the
 * resulting string. Values are rendered with {@link String#valueOf(Object)} (an enum by
 * its {@code toString()}). A value that is {@code null}, or a text value
 * ({@link CharSequence}) that is blank, leaves the reference without a value, so that
 * {@code "document:{id}"} never becomes {@code "document: "}. Thread-safe.
 */
public final class ParameterInvocationResolver implements InvocationResolver {

	private static final MethodHandle ARGUMENT = MethodHandles.arrayElementGetter(Object[].class);

	private static final MethodHandle REQUIRE_VALUE;

	private static final MethodHandle REQUIRE_TEXT;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			REQUIRE_VALUE = lookup.findStatic(ParameterInvocationResolver.class, "requireValue",
					MethodType.methodType(Object.class, Object.class));
			REQUIRE_TEXT = lookup.findStatic(ParameterInvocationResolver.class, "requireText",
					MethodType.methodType(Object.class, Object.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	@Override
	public Reference prepare(Method method, String template) {
		@Nullable String @Nullable [] names = this.parameterNames.getParameterNames(method);
		List<String> literals = new ArrayList<>();
		List<Value> values = new ArrayList<>();
		int start = 0;
		while (true) {
			int open = template.indexOf('{', start);
			int close = template.indexOf('}', start);
			if (open < 0) {
				if (close >= 0) {
					throw new IllegalArgumentException("'}' at position " + close + " closes no placeholder");
				}
				literals.add(template.substring(start));
				break;
			}
			if (close >= 0 && close < open) {
				throw new IllegalArgumentException("'}' at position " + close + " closes no placeholder");
			}
			if (close < 0) {
				throw new IllegalArgumentException("placeholder at position " + open + " is not closed");
			}
			String placeholder = template.substring(open + 1, close);
			if (placeholder.indexOf('{') >= 0) {
				throw new IllegalArgumentException("placeholders cannot be nested");
			}
			literals.add(template.substring(start, open));
			values.add(valueOf(method, names, placeholder));
			start = close + 1;
		}
		if (values.isEmpty()) {
			throw new IllegalArgumentException("template has no placeholder");
		}
		return new CompiledReference(template, compile(literals, values), values);
	}

	private static Value valueOf(Method method, @Nullable String @Nullable [] names, String placeholder) {
		String[] path = placeholder.split("\\.", -1);
		for (String step : path) {
			if (step.isEmpty() || !isIdentifier(step)) {
				throw new IllegalArgumentException("{" + placeholder + "} is not a parameter name or property path");
			}
		}
		if (names == null) {
			throw new IllegalArgumentException("{" + placeholder + "} cannot be bound: parameter names are not "
					+ "available; compile with the -parameters flag");
		}
		int index = Arrays.asList(names).indexOf(path[0]);
		if (index < 0) {
			throw new IllegalArgumentException("{" + placeholder + "} names no parameter of the method (parameters: "
					+ String.join(", ", names) + ")");
		}
		Class<?> type = method.getParameterTypes()[index];
		MethodHandle value = MethodHandles.insertArguments(ARGUMENT, 1, index)
			.asType(MethodType.methodType(type, Object[].class));
		for (int i = 1; i < path.length; i++) {
			Method accessor = findAccessor(type, path[i]);
			if (accessor == null) {
				throw new IllegalArgumentException("{" + placeholder + "}: " + type.getName()
						+ " has no record component or getter named '" + path[i] + "'");
			}
			value = MethodHandles.filterReturnValue(value, nonNull(type));
			MethodHandle step = unreflect(accessor, placeholder);
			type = accessor.getReturnType();
			value = MethodHandles.filterReturnValue(value,
					step.asType(MethodType.methodType(type, value.type().returnType())));
		}
		if (!type.isPrimitive()) {
			value = MethodHandles.filterReturnValue(value, present(type));
			if (type != String.class) {
				// Rendered through String.valueOf(Object) either way; erasing keeps
				// private types out of the concat.
				value = value.asType(MethodType.methodType(Object.class, Object[].class));
			}
		}
		return new Value(index, value);
	}

	private static MethodHandle nonNull(Class<?> type) {
		return REQUIRE_VALUE.asType(MethodType.methodType(type, type));
	}

	private static MethodHandle present(Class<?> type) {
		return REQUIRE_TEXT.asType(MethodType.methodType(type, type));
	}

	private static @Nullable Method findAccessor(Class<?> type, String name) {
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.getName().equals(name)) {
					return component.getAccessor();
				}
			}
		}
		if (type.isPrimitive() || type.isArray()) {
			return null;
		}
		PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(type, name);
		return (descriptor != null) ? descriptor.getReadMethod() : null;
	}

	private static MethodHandle unreflect(Method accessor, String placeholder) {
		try {
			ReflectionUtils.makeAccessible(accessor);
			return MethodHandles.lookup().unreflect(accessor);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			throw new IllegalArgumentException("{" + placeholder + "}: " + accessor + " is not accessible", ex);
		}
	}

	/**
	 * One handle of type {@code (Object[])String}: every value read from the same
	 * argument array, concatenated.
	 */
	private static MethodHandle compile(List<String> literals, List<Value> values) {
		StringBuilder recipe = new StringBuilder();
		List<Object> constants = new ArrayList<>();
		Class<?>[] types = new Class<?>[values.size()];
		for (int i = 0; i < values.size(); i++) {
			appendLiteral(recipe, constants, literals.get(i));
			recipe.append('\u0001');
			types[i] = values.get(i).handle().type().returnType();
		}
		appendLiteral(recipe, constants, literals.get(values.size()));
		MethodHandle concat;
		try {
			CallSite site = StringConcatFactory.makeConcatWithConstants(MethodHandles.lookup(), "reference",
					MethodType.methodType(String.class, types), recipe.toString(), constants.toArray());
			concat = site.getTarget();
		}
		catch (StringConcatException ex) {
			throw new IllegalArgumentException("template cannot be compiled: " + ex.getMessage(), ex);
		}
		MethodHandle[] filters = new MethodHandle[values.size()];
		for (int i = 0; i < filters.length; i++) {
			filters[i] = values.get(i).handle();
		}
		MethodHandle combined = MethodHandles.filterArguments(concat, 0, filters);
		return MethodHandles.permuteArguments(combined, MethodType.methodType(String.class, Object[].class),
				new int[values.size()]);
	}

	private static void appendLiteral(StringBuilder recipe, List<Object> constants, String literal) {
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (c == '\u0001' || c == '\u0002') {
				// The recipe's own tag characters: passed as constants so they stay
				// literal.
				recipe.append('\u0002');
				constants.add(String.valueOf(c));
			}
			else {
				recipe.append(c);
			}
		}
	}

	private static boolean isIdentifier(String name) {
		if (!Character.isJavaIdentifierStart(name.charAt(0))) {
			return false;
		}
		for (int i = 1; i < name.length(); i++) {
			if (!Character.isJavaIdentifierPart(name.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static Object requireValue(@Nullable Object value) {
		if (value == null) {
			throw UnresolvedValue.INSTANCE;
		}
		return value;
	}

	// The value a placeholder renders: present, and not blank when it is text. A type
	// test per value; numbers, enums and UUIDs are never blank.
	private static Object requireText(@Nullable Object value) {
		if (value == null || (value instanceof CharSequence text && isBlank(text))) {
			throw UnresolvedValue.INSTANCE;
		}
		return value;
	}

	private static boolean isBlank(CharSequence text) {
		if (text instanceof String string) {
			return string.isBlank();
		}
		for (int i = 0; i < text.length(); i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * One placeholder compiled: the parameter it reads and the handle of type
	 * {@code (Object[])T} that yields its value or throws {@link UnresolvedValue}.
	 */
	private record Value(int parameter, MethodHandle handle) {

		/** The same value, boxed and erased to {@code (Object[])Object}. */
		Value erased() {
			return new Value(this.parameter, this.handle.asType(MethodType.methodType(Object.class, Object[].class)));
		}

	}

	/**
	 * Thrown inside a compiled handle when a value on the path is {@code null}; stackless
	 * and shared.
	 */
	private static final class UnresolvedValue extends RuntimeException {

		static final UnresolvedValue INSTANCE = new UnresolvedValue();

		private UnresolvedValue() {
			super(null, null, false, false);
		}

	}

	/** A template compiled for one method. */
	private static final class CompiledReference implements Reference {

		private final String template;

		private final MethodHandle handle;

		// Each placeholder on its own, to tell which one had no value; used only then.
		private final Value[] values;

		CompiledReference(String template, MethodHandle handle, List<Value> values) {
			this.template = template;
			this.handle = handle;
			this.values = new Value[values.size()];
			for (int i = 0; i < this.values.length; i++) {
				this.values[i] = values.get(i).erased();
			}
		}

		@Override
		public String template() {
			return this.template;
		}

		@Override
		public @Nullable String resolve(@Nullable Object[] arguments) {
			try {
				return (String) this.handle.invokeExact(arguments);
			}
			catch (UnresolvedValue ex) {
				return null;
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// A getter declared a checked exception and threw it.
				throw new IllegalStateException("Reading " + this.template + " failed", ex);
			}
		}

		@Override
		public int unresolvedParameter(@Nullable Object[] arguments) {
			// In the order the compiled handle reads them, so the first one without a
			// value is the one that stopped it.
			for (Value value : this.values) {
				try {
					Object ignored = (Object) value.handle().invokeExact(arguments);
				}
				catch (UnresolvedValue ex) {
					return value.parameter();
				}
				catch (Throwable ex) {
					return -1;
				}
			}
			return -1;
		}

		@Override
		public String toString() {
			return this.template;
		}

	}

}
