package dev.gatehouse.auth.snapshot;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A parsed JSON object: its members in document order in two arrays. An envelope's
 * objects have a dozen members at most, so looking a key up by comparing is cheaper than
 * hashing, and building one costs two small arrays instead of a hash table and an entry
 * per member. The parser rules out duplicate keys before adding. Members can be read and
 * removed (through {@link #remove(Object)}), not added or replaced from outside the
 * package.
 */
final class JsonObject extends AbstractMap<String, @Nullable Object> {

	private String[] keys = new String[8];

	private @Nullable Object[] values = new Object[8];

	private int size;

	/**
	 * Appends a member whose key the caller has checked is not present yet.
	 */
	void append(String key, @Nullable Object value) {
		if (this.size == this.keys.length) {
			this.keys = Arrays.copyOf(this.keys, this.size * 2);
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.keys[this.size] = key;
		this.values[this.size++] = value;
	}

	String keyAt(int index) {
		return this.keys[index];
	}

	private int indexOf(@Nullable Object key) {
		// The envelope's own keys are shared constants (the parser returns them, the
		// verifier asks with them), so
		// a pass comparing references usually answers without calling equals at all.
		for (int i = 0; i < this.size; i++) {
			if (this.keys[i] == key) {
				return i;
			}
		}
		for (int i = 0; i < this.size; i++) {
			if (this.keys[i].equals(key)) {
				return i;
			}
		}
		return -1;
	}

	@Override
	public @Nullable Object get(@Nullable Object key) {
		int index = indexOf(key);
		return (index >= 0) ? this.values[index] : null;
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		return indexOf(key) >= 0;
	}

	@Override
	public @Nullable Object remove(@Nullable Object key) {
		int index = indexOf(key);
		if (index < 0) {
			return null;
		}
		Object removed = this.values[index];
		removeAt(index);
		return removed;
	}

	private void removeAt(int index) {
		int moved = this.size - index - 1;
		System.arraycopy(this.keys, index + 1, this.keys, index, moved);
		System.arraycopy(this.values, index + 1, this.values, index, moved);
		this.size--;
		// The key left beyond the size is harmless (a String the parser made anyway);
		// only the value is released.
		this.values[this.size] = null;
	}

	@Override
	public int size() {
		return this.size;
	}

	@Override
	public Set<Entry<String, @Nullable Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<String, @Nullable Object>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < JsonObject.this.size;
					}

					@Override
					public Entry<String, @Nullable Object> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						int index = this.next++;
						return new SimpleImmutableEntry<>(JsonObject.this.keys[index], JsonObject.this.values[index]);
					}

				};
			}

			@Override
			public int size() {
				return JsonObject.this.size;
			}

		};
	}

}
