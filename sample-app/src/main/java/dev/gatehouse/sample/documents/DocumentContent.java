package dev.gatehouse.sample.documents;

/**
 * The body of a create or update request.
 *
 * @param title the document's title
 * @param body the document's text
 */
public record DocumentContent(String title, String body) {

}
