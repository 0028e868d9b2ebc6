package dev.gatehouse.sample.documents;

/**
 * A document of one tenant.
 *
 * @param id the document's id
 * @param tenant the tenant it belongs to
 * @param title its title
 * @param body its text
 * @param owner the subject id of who created it
 */
public record Document(String id, String tenant, String title, String body, String owner) {

	/**
	 * Returns this document with a new title and text.
	 * @param title the new title
	 * @param body the new text
	 * @return the changed copy
	 */
	public Document withContent(String title, String body) {
		return new Document(this.id, this.tenant, title, body, this.owner);
	}

}
