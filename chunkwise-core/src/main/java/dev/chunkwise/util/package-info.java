/**
 * Small helpers every other package may use and that use none of them: argument checks that name the parameter and
 * the value ({@code workers: 0 (expected: > 0)}), and the bounded, atomic reading and writing of the little cache
 * files chunkwise keeps in the user's cache directory. Not part of the API users call.
 */
package dev.chunkwise.util;
