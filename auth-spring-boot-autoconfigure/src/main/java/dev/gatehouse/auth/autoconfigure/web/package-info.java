/**
 * Auto-configuration of the servlet boundary and its {@code gatehouse.web.*} properties.
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
