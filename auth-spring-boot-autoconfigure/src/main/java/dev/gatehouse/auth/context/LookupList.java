package dev.gatehouse.auth.context;

import java.util.AbstractList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * An immutable list that also answers {@link #contains(Object)} in constant time, so that
 * {@link AuthContext#hasRole(String)} and {@link AuthContext#hasScope(String)} stay O(1) while the record
 * components remain ordinary lists.
 */
final class LookupList extends AbstractList<String> implements RandomAccess {

	private static final LookupList EMPTY = new LookupList(List.of());

	private final List<String> elements;

	private final Set<String> members;

	private LookupList(List<String> elements) {
		this.elements = elements;
		this.members = new HashSet<>(elements);
	}

	static LookupList of(Collection<String> values, String what) {
		if (values instanceof LookupList lookupList) {
			return lookupList;
		}
		List<String> copy = List.copyOf(values);
		for (String value : copy) {
			if (value.isBlank()) {
				throw new IllegalArgumentException(what + " must not contain blank values");
			}
		}
		return copy.isEmpty() ? EMPTY : new LookupList(copy);
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
	public boolean contains(Object value) {
		return this.members.contains(value);
	}

}
