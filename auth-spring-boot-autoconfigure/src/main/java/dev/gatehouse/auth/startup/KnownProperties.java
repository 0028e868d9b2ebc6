package dev.gatehouse.auth.startup;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;

/**
 * The property names that Gatehouse's configuration properties classes bind, as a tree
 * read from the classes' structure (JavaBean properties and record components, lists and
 * maps of nested groups), and the nearest valid name for an unknown one. Map keys and
 * list indexes are user data and match anything; their values' fields do not. Only used
 * at startup, to word a suggestion: it never decides whether a name is unknown (Boot's
 * binder does).
 */
final class KnownProperties {

	private static final int MAX_DEPTH = 12;

	private final Node root;

	private final String rootName;

	private KnownProperties(String rootName, Node root) {
		this.rootName = rootName;
		this.root = root;
	}

	/**
	 * Reads the structure of every target, each mounted at its prefix.
	 * @param rootName the common root, {@code gatehouse}
	 * @param targets the properties classes by prefix; each prefix starts with the root
	 */
	static KnownProperties of(String rootName, Map<ConfigurationPropertyName, Class<?>> targets) {
		Node root = new Node(rootName, Shape.GROUP);
		ConfigurationPropertyName rootProperty = ConfigurationPropertyName.of(rootName);
		// Shorter prefixes first, so that a class mounted below another one's prefix
		// (gatehouse.outbound below gatehouse) is merged into the tree, not replaced.
		List<Map.Entry<ConfigurationPropertyName, Class<?>>> sorted = new ArrayList<>(targets.entrySet());
		sorted.sort(Comparator.comparingInt((entry) -> entry.getKey().getNumberOfElements()));
		sorted.forEach((target) -> {
			ConfigurationPropertyName prefix = target.getKey();
			Class<?> type = target.getValue();
			Node mount = root;
			for (int i = rootProperty.getNumberOfElements(); i < prefix.getNumberOfElements(); i++) {
				String element = prefix.getElement(i, ConfigurationPropertyName.Form.DASHED);
				mount = mount.children.computeIfAbsent(uniform(element), (key) -> new Node(element, Shape.GROUP));
			}
			addProperties(mount, type, new HashSet<>(), 0);
		});
		return new KnownProperties(rootName, root);
	}

	/**
	 * The nearest valid name for an unknown one: the first element that names nothing is
	 * replaced by the closest sibling (or, when no sibling is close, the closest name
	 * anywhere), and the rest is kept.
	 * @param unknown the unknown name
	 * @return the suggestion, or {@code null} when nothing is close
	 */
	@Nullable Suggestion suggest(ConfigurationPropertyName unknown) {
		Node node = this.root;
		int start = ConfigurationPropertyName.of(this.rootName).getNumberOfElements();
		for (int i = start; i < unknown.getNumberOfElements(); i++) {
			if (node.shape == Shape.FREE) {
				return null;
			}
			if (node.shape == Shape.LEAF) {
				// A value set below a plain value, such as jwt.secret.value.
				return new Suggestion(unknown.chop(i).toString(), List.of());
			}
			if (node.shape == Shape.MAP || node.shape == Shape.LIST) {
				node = node.element();
				continue;
			}
			String element = unknown.getElement(i, ConfigurationPropertyName.Form.DASHED);
			Node child = node.children.get(uniform(element));
			if (child != null) {
				node = child;
				continue;
			}
			String prefix = unknown.chop(i).toString();
			String rest = (i + 1 < unknown.getNumberOfElements()) ? restOf(unknown, i + 1) : "";
			Node sibling = closest(element, node.children.values());
			if (sibling != null) {
				return new Suggestion(prefix + "." + sibling.name + rest, List.of());
			}
			String elsewhere = closestAnywhere(element);
			if (elsewhere != null) {
				return new Suggestion(elsewhere, List.of());
			}
			return new Suggestion(null, node.children.values().stream().map((valid) -> valid.name).sorted().toList());
		}
		return null;
	}

	private static String restOf(ConfigurationPropertyName name, int from) {
		StringBuilder rest = new StringBuilder();
		for (int i = from; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL);
			if (name.isNumericIndex(i)) {
				rest.append('[').append(element).append(']');
			}
			else {
				rest.append('.').append(element);
			}
		}
		return rest.toString();
	}

	private static @Nullable Node closest(String element, Collection<Node> candidates) {
		Node best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Node candidate : candidates) {
			int distance = distance(uniform(element), uniform(candidate.name));
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return (best != null && bestDistance <= threshold(element)) ? best : null;
	}

	/**
	 * The closest name anywhere in the tree (a key set at the wrong level, such as
	 * {@code gatehouse.audiences}), the shortest path winning a tie.
	 */
	private @Nullable String closestAnywhere(String element) {
		List<Candidate> found = new ArrayList<>();
		collect(this.root, this.rootName, uniform(element), found);
		Candidate best = null;
		for (Candidate candidate : found) {
			if (best == null || candidate.distance() < best.distance()
					|| (candidate.distance() == best.distance() && candidate.path().length() < best.path().length())) {
				best = candidate;
			}
		}
		return (best != null && best.distance() <= threshold(element)) ? best.path() : null;
	}

	private static void collect(Node node, String path, String element, List<Candidate> found) {
		if (node.shape == Shape.MAP) {
			collect(node.element(), path + ".<key>", element, found);
			return;
		}
		if (node.shape == Shape.LIST) {
			collect(node.element(), path + "[0]", element, found);
			return;
		}
		for (Node child : node.children.values()) {
			String childPath = path + "." + child.name;
			found.add(new Candidate(childPath, distance(element, uniform(child.name))));
			collect(child, childPath, element, found);
		}
	}

	private static int threshold(String element) {
		int length = uniform(element).length();
		return (length <= 4) ? 1 : (length <= 8) ? 2 : 3;
	}

	/**
	 * Optimal string alignment distance: insertions, deletions, substitutions and
	 * transpositions of neighbours (the typical typo) each count one.
	 */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

	/** The form Boot compares names in: lower case, letters and digits only. */
	private static String uniform(String element) {
		StringBuilder uniform = new StringBuilder(element.length());
		for (int i = 0; i < element.length(); i++) {
			char c = Character.toLowerCase(element.charAt(i));
			if (Character.isLetterOrDigit(c)) {
				uniform.append(c);
			}
		}
		return uniform.toString().toLowerCase(Locale.ROOT);
	}

	private static void addProperties(Node group, Class<?> type, Set<Class<?>> visiting, int depth) {
		if (depth > MAX_DEPTH || !visiting.add(type)) {
			return;
		}
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				add(group, component.getName(), ResolvableType.forMethodReturnType(component.getAccessor()), visiting,
						depth);
			}
		}
		else {
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				if (descriptor.getReadMethod() != null && !"class".equals(descriptor.getName())) {
					add(group, descriptor.getName(), ResolvableType.forMethodReturnType(descriptor.getReadMethod()),
							visiting, depth);
				}
			}
		}
		visiting.remove(type);
	}

	private static void add(Node group, String javaName, ResolvableType type, Set<Class<?>> visiting, int depth) {
		String name = DataObjectPropertyName.toDashedForm(javaName);
		group.children.put(uniform(name), node(name, type, visiting, depth + 1));
	}

	private static Node node(String name, ResolvableType type, Set<Class<?>> visiting, int depth) {
		Class<?> raw = type.resolve(Object.class);
		if (Map.class.isAssignableFrom(raw)) {
			Class<?> value = type.asMap().getGeneric(1).resolve(Object.class);
			return container(name, Shape.MAP, value, visiting, depth);
		}
		if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
			Class<?> element = (raw.isArray() ? type.getComponentType() : type.asCollection().getGeneric(0))
				.resolve(Object.class);
			return container(name, Shape.LIST, element, visiting, depth);
		}
		if (isGroup(raw)) {
			Node group = new Node(name, Shape.GROUP);
			addProperties(group, raw, visiting, depth);
			return group;
		}
		return new Node(name, Shape.LEAF);
	}

	private static Node container(String name, Shape shape, Class<?> element, Set<Class<?>> visiting, int depth) {
		if (!isGroup(element)) {
			// A map of plain values (roles to permissions) or a list of them: whatever is
			// below is user data.
			return new Node(name, (shape == Shape.MAP) ? Shape.FREE : Shape.LEAF);
		}
		Node container = new Node(name, shape);
		Node group = new Node("*", Shape.GROUP);
		addProperties(group, element, visiting, depth);
		container.children.put("*", group);
		return container;
	}

	private static boolean isGroup(Class<?> type) {
		return !type.isPrimitive() && !type.isEnum() && !type.isArray() && !type.isInterface()
				&& !type.getName().startsWith("java.") && !BeanUtils.isSimpleValueType(type);
	}

	/**
	 * A suggestion for an unknown name.
	 *
	 * @param name the nearest valid name, or {@code null} when none is close
	 * @param validSiblings the valid names at the level where the unknown name went
	 * wrong, when no name is close
	 */
	record Suggestion(@Nullable String name, List<String> validSiblings) {

	}

	private record Candidate(String path, int distance) {

	}

	private enum Shape {

		/** Named fields. */
		GROUP,

		/** A plain value. */
		LEAF,

		/** A map whose values are groups; its one child {@code *} is the value. */
		MAP,

		/** A list whose elements are groups; its one child {@code *} is the element. */
		LIST,

		/** A map of plain values: everything below is user data. */
		FREE

	}

	private static final class Node {

		private final String name;

		private final Shape shape;

		private final Map<String, Node> children = new LinkedHashMap<>();

		Node(String name, Shape shape) {
			this.name = name;
			this.shape = shape;
		}

		Node element() {
			Node element = this.children.get("*");
			return (element != null) ? element : new Node("*", Shape.FREE);
		}

	}

}
