package dev.gatehouse.auth.metadata;

import java.lang.reflect.Method;

import org.springframework.util.ClassUtils;

/**
 * How Gatehouse names a boundary and which methods are never boundaries; the one
 * definition that metadata resolution, startup validation and the web layer share.
 */
public final class Boundaries {

	private Boundaries() {
	}

	/**
	 * Names a method as {@code SimpleClassName#method}, the name a developer searches
	 * for; overloads share it.
	 * @param type the class the method is reported for (a proxy class is named by its
	 * user class)
	 * @param method the method
	 * @return the boundary name
	 */
	public static String name(Class<?> type, Method method) {
		return simpleName(ClassUtils.getUserClass(type)) + "#" + method.getName();
	}

	/**
	 * Whether the method is {@code toString()}, {@code equals(Object)} or
	 * {@code hashCode()}, declared or overridden: the only methods that are never
	 * boundaries, whatever their annotations. {@code clone()} and {@code finalize()} are
	 * not among them.
	 * @param method the method
	 * @return {@code true} for the three exempt methods
	 */
	public static boolean isObjectMethod(Method method) {
		return switch (method.getName()) {
			case "toString", "hashCode" -> method.getParameterCount() == 0;
			case "equals" -> method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class;
			default -> false;
		};
	}

	private static String simpleName(Class<?> type) {
		String simpleName = type.getSimpleName();
		// Anonymous and hidden classes have no simple name.
		return simpleName.isEmpty() ? ClassUtils.getShortName(type) : simpleName;
	}

}
