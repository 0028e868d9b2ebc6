/**
 * Auto-configuration of the Spring Security bridge, and its properties
 * ({@code gatehouse.spring-security.*}).
 */
@NullMarked
package dev.gatehouse.auth.autoconfigure.springsecurity;

import org.jspecify.annotations.NullMarked;
