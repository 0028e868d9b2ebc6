package dev.gatehouse.auth.context;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the submitting thread's {@link AuthContext} into a task: the task runs in a
 * fresh {@link AuthContextScope} (binding "no context" when the submitter had none) that
 * is closed when the task ends, so a pooled worker never keeps a previous task's
 * identity.
 *
 * <p>
 * Only Gatehouse's context is carried; other thread-locals are left to their own
 * decorators, which Spring Boot composes with this one.
 */
public final class AuthContextTaskDecorator implements TaskDecorator {

	@Override
	public Runnable decorate(Runnable runnable) {
		AuthContext captured = AuthContextHolder.current().orElse(null);
		return () -> {
			try (AuthContextScope scope = AuthContextHolder.openPropagated(captured)) {
				runnable.run();
			}
		};
	}

}
