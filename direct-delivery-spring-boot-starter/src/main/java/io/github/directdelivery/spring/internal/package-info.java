/** The starter's machinery: property mapping, listener composition and the start-up failure analysis. */
@NullMarked
package io.github.directdelivery.spring.internal;

import org.jspecify.annotations.NullMarked;
