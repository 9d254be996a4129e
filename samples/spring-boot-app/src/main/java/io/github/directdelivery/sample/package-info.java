/** A small Spring Boot application whose mail the starter delivers directly. */
@NullMarked
package io.github.directdelivery.sample;

import org.jspecify.annotations.NullMarked;
