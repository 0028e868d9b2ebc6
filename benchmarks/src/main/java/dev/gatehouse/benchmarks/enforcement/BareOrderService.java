package dev.gatehouse.benchmarks.enforcement;

/**
 * The service method of the baseline: no security annotation, proxied only by a no-op
 * advisor.
 */
public class BareOrderService {

	/**
	 * Returns the argument, so that the proxy's cost dominates the measurement.
	 * @param id an order id
	 * @return the same id
	 */
	public String find(String id) {
		return id;
	}

}
