package dev.gatehouse.auth.correlation;

/**
 * Makes a request's correlation id visible to something beyond Gatehouse (a tracer's
 * baggage, for example) for as long as the request is handled. The servlet filter binds
 * it after the logging MDC and closes the binding before the request ends.
 */
@FunctionalInterface
public interface CorrelationIdBinder {

	/**
	 * Binds nothing: what the filter uses when only the logging MDC takes the id.
	 */
	CorrelationIdBinder NONE = (correlationId) -> Binding.NONE;

	/**
	 * Binds the correlation id to the current thread.
	 * @param correlationId the request's correlation id
	 * @return the binding, to be closed on the same thread when the request ends
	 */
	Binding bind(String correlationId);

	/**
	 * An open binding of a correlation id; closing it restores what was bound before.
	 */
	@FunctionalInterface
	interface Binding extends AutoCloseable {

		/**
		 * A binding that restores nothing.
		 */
		Binding NONE = () -> {
		};

		@Override
		void close();

	}

}
