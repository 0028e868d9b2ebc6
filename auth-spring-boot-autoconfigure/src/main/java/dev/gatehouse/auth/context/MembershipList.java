package dev.gatehouse.auth.context;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An immutable list that also answers {@link #contains(Object)} in constant time, so that
 * {@link AuthContext#hasRole(String)} and {@link AuthContext#hasScope(String)} stay O(1)
 * while the record components remain ordinary lists.
 *
 * <p>
 * Most callers have a handful of roles and scopes: up to {@link #LINEAR_LIMIT} elements
 * are compared one by one (a bounded number of comparisons, cheaper than hashing), and a
 * longer list builds its hash set on the first look-up rather than in the constructor, so
 * a context that is never asked pays nothing for it.
 */
final class MembershipList extends AbstractList<String> implements RandomAccess {

	/** Lists up to this size answer {@link #contains(Object)} without a hash set. */
	static final int LINEAR_LIMIT = 8;

	private static final MembershipList EMPTY = new MembershipList(List.of());

	private final List<String> elements;

	/**
	 * Built at most once per thread that sees it unset; an immutable set is safely
	 * published through its final fields, so a racing reader sees either nothing (and
	 * builds its own) or a complete set.
	 */
	private @Nullable Set<String> members;

	/**
	 * The list's hash code once computed (the decision cache hashes the roles and scopes
	 * of every key); racy like {@link String#hashCode()}, and as harmless: every thread
	 * computes the same value.
	 */
	private int hash;

	private MembershipList(List<String> elements) {
		this.elements = elements;
	}

	static MembershipList of(Collection<String> values, String what) {
		if (values instanceof MembershipList lookupList) {
			return lookupList;
		}
		List<String> copy = List.copyOf(values);
		for (String value : copy) {
			if (value.isBlank()) {
				throw new IllegalArgumentException(what + " must not contain blank values");
			}
		}
		return copy.isEmpty() ? EMPTY : new MembershipList(copy);
	}

	@Override
	public String get(int index) {
		return this.elements.get(index);
	}

	@Override
	public int size() {
		return this.elements.size();
	}

	@Override
	public boolean contains(@Nullable Object value) {
		if (value == null) {
			return false;
		}
		int size = this.elements.size();
		if (size <= LINEAR_LIMIT) {
			for (int i = 0; i < size; i++) {
				if (this.elements.get(i).equals(value)) {
					return true;
				}
			}
			return false;
		}
		Set<String> set = this.members;
		if (set == null) {
			set = Set.copyOf(this.elements);
			this.members = set;
		}
		return set.contains(value);
	}

	@Override
	public int hashCode() {
		int hash = this.hash;
		if (hash == 0) {
			hash = super.hashCode();
			this.hash = hash;
		}
		return hash;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		// An immutable list's contract: equal to any list with the same elements.
		// Contexts
		// derived from one another share their lists, so a decision-cache hit usually
		// compares a list with itself.
		return other == this || super.equals(other);
	}

}
