/**
 * Pools of workers and what every pool promises: {@code Pool} ({@code map}, {@code imap}, {@code submit},
 * {@code close}), made by {@code Pool.serial()}, {@code Pool.threads(n)} and {@code Pool.processes(n)}; the
 * {@code Backend} each pool runs on; the functions a pool applies ({@code TaskFunction}) and the failures it reports
 * ({@code TaskFailedException} and its kinds). The thread and serial pools live here; {@code Pool.processes} is the one
 * edge up to {@code process}, a factory.
 */
package dev.chunkwise.pool;
