package dev.gatehouse.auth.propagation;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The audience names of one carrier's destinations ({@code kafka:<topic>},
 * {@code channel:<bean name>}), built once per destination rather than per message. The
 * map is bounded; past the bound a name is built per call. Thread-safe.
 */
final class DestinationAudiences {

	private static final int MAXIMUM_SIZE = 1024;

	private final String prefix;

	private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>();

	DestinationAudiences(String carrier) {
		this.prefix = carrier + ":";
	}

	String of(String destination) {
		String name = this.names.get(destination);
		if (name == null) {
			name = this.prefix + destination;
			if (this.names.size() < MAXIMUM_SIZE) {
				this.names.putIfAbsent(destination, name);
			}
		}
		return name;
	}

}
