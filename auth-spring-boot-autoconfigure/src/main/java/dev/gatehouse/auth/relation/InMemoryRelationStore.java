package dev.gatehouse.auth.relation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Relation tuples {@code (subject, relation, object)} held in memory, with relation
 * inheritance declared in code ({@code owner} implies {@code editor} implies
 * {@code viewer}) and parent objects ({@code folder:x} is the parent of
 * {@code document:y}, so an editor of the folder edits the document). For tests and
 * demos: nothing is persisted and lookups walk the graph. Thread-safe.
 */
public final class InMemoryRelationStore {

	private final Set<Tuple> tuples = ConcurrentHashMap.newKeySet();

	/** For each relation, the relations that directly imply it. */
	private final Map<String, Set<String>> impliedBy = new ConcurrentHashMap<>();

	/** For each object, its direct parents. */
	private final Map<String, Set<String>> parents = new ConcurrentHashMap<>();

	/**
	 * Records that a subject has a relation to an object.
	 * @param subject the subject id, for example {@code alice}
	 * @param relation the relation, for example {@code editor}
	 * @param object the object, for example {@code document:42}
	 * @return this store
	 */
	public InMemoryRelationStore grant(String subject, String relation, String object) {
		this.tuples.add(new Tuple(subject, relation, object));
		return this;
	}

	/**
	 * Removes a tuple recorded with {@link #grant}.
	 * @param subject the subject id
	 * @param relation the relation
	 * @param object the object
	 * @return this store
	 */
	public InMemoryRelationStore revoke(String subject, String relation, String object) {
		this.tuples.remove(new Tuple(subject, relation, object));
		return this;
	}

	/**
	 * Declares that holding one relation implies holding another, for example
	 * {@code implies("owner", "editor")}.
	 * @param stronger the relation that implies
	 * @param weaker the relation implied
	 * @return this store
	 */
	public InMemoryRelationStore implies(String stronger, String weaker) {
		requireText(stronger, "stronger");
		requireText(weaker, "weaker");
		this.impliedBy.computeIfAbsent(weaker, (key) -> ConcurrentHashMap.newKeySet()).add(stronger);
		return this;
	}

	/**
	 * Declares a parent object, whose relations apply to the child too, for example
	 * {@code parent("document:42", "folder:reports")}.
	 * @param child the child object
	 * @param parent its parent
	 * @return this store
	 */
	public InMemoryRelationStore parent(String child, String parent) {
		requireText(child, "child");
		requireText(parent, "parent");
		this.parents.computeIfAbsent(child, (key) -> ConcurrentHashMap.newKeySet()).add(parent);
		return this;
	}

	/**
	 * Whether the subject has the relation to the object: directly, through a relation
	 * that implies it, or on a parent (or ancestor) of the object. Cycles in either
	 * declaration are tolerated.
	 * @param subject the subject id
	 * @param relation the relation
	 * @param object the object
	 * @return {@code true} when the relation holds
	 */
	public boolean check(String subject, String relation, String object) {
		Set<String> relations = closure(relation, this.impliedBy);
		Set<String> objects = closure(object, this.parents);
		for (String candidateObject : objects) {
			for (String candidateRelation : relations) {
				if (this.tuples.contains(new Tuple(subject, candidateRelation, candidateObject))) {
					return true;
				}
			}
		}
		return false;
	}

	private static Set<String> closure(String start, Map<String, Set<String>> edges) {
		Set<String> seen = new HashSet<>();
		Deque<String> pending = new ArrayDeque<>();
		pending.add(start);
		while (!pending.isEmpty()) {
			String current = pending.poll();
			if (seen.add(current)) {
				pending.addAll(edges.getOrDefault(current, Set.of()));
			}
		}
		return seen;
	}

	private static void requireText(String value, String name) {
		Objects.requireNonNull(value, () -> name + " must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	private record Tuple(String subject, String relation, String object) {

		Tuple {
			requireText(subject, "subject");
			requireText(relation, "relation");
			requireText(object, "object");
		}

	}

}
