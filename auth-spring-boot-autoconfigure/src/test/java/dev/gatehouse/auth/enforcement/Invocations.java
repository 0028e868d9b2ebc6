package dev.gatehouse.auth.enforcement;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records which method bodies (and which interceptors or checkers) ran, in order. Test
 * beans record into it instead of keeping counters in their own fields, because a CGLIB
 * proxy does not share its target's fields.
 */
final class Invocations {

	final List<String> names = new CopyOnWriteArrayList<>();

	void record(String name) {
		this.names.add(name);
	}

	int count(String name) {
		int count = 0;
		for (String candidate : this.names) {
			if (candidate.equals(name)) {
				count++;
			}
		}
		return count;
	}

}
