package dev.gatehouse.auth.metadata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.ClassUtils;

/**
 * The supertypes Gatehouse looks at when it resolves or validates auth metadata.
 */
public final class TypeHierarchy {

	private TypeHierarchy() {
	}

	/**
	 * Returns every interface the type implements, super-interfaces included: first the
	 * interfaces its class hierarchy names directly (in Spring's order), then their
	 * super-interfaces, breadth first. Spring's
	 * {@link ClassUtils#getAllInterfacesForClassAsSet} alone misses super-interfaces, and
	 * an annotation there must not be missed.
	 * @param type a class or an interface
	 * @return the interfaces, in lookup order; the type itself when it is an interface
	 */
	public static Set<Class<?>> allInterfaces(Class<?> type) {
		Set<Class<?>> interfaces = new LinkedHashSet<>(ClassUtils.getAllInterfacesForClassAsSet(type));
		List<Class<?>> pending = new ArrayList<>(interfaces);
		for (int i = 0; i < pending.size(); i++) {
			for (Class<?> superinterface : pending.get(i).getInterfaces()) {
				if (interfaces.add(superinterface)) {
					pending.add(superinterface);
				}
			}
		}
		return interfaces;
	}

}
