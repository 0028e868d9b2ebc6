package dev.gatehouse.auth.test.app;

import dev.gatehouse.auth.annotation.PublicAccess;
import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Articles over HTTP: reading is public, publishing needs the editor role.
 */
@RestController
public class ArticleController {

	@PublicAccess
	@GetMapping("/articles/{id}")
	String read(@PathVariable String id) {
		return "article " + id;
	}

	@RequireRole("editor")
	@GetMapping("/articles/{id}/publish")
	String publish(@PathVariable String id) {
		return "published " + id + " by " + AuthContextHolder.require().subject().id();
	}

}
