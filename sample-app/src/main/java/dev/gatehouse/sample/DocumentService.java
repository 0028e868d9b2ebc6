package dev.gatehouse.sample;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.annotation.RequireScope;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.springframework.stereotype.Service;

/**
 * A service whose reads need the {@code documents:read} scope and whose publishing also
 * needs the {@code editor} role. Gatehouse checks both before the method body runs.
 */
@Service
@RequireScope("documents:read")
public class DocumentService {

	public String read(String id) {
		return "document " + id + " read by " + AuthContextHolder.require().subject().id();
	}

	@RequireRole("editor")
	public String publish(String id) {
		return "document " + id + " published by " + AuthContextHolder.require().subject().id();
	}

}
