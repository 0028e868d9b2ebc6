package dev.gatehouse.auth.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application, as a user would write it, that the test-support tests exercise: a
 * protected controller and a protected service.
 */
@SpringBootApplication
public class EditorialApplication {

}
