package dev.gatehouse.auth.test.app;

import dev.gatehouse.auth.annotation.RequireRole;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.springframework.stereotype.Service;

/**
 * Articles as a service: publishing needs the editor role.
 */
@Service
public class ArticleService {

	@RequireRole("editor")
	public String publish(String id) {
		return "published " + id + " by " + AuthContextHolder.require().subject().id();
	}

}
