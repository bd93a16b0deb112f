/**
 * The cost model, as plain values: what an apply is ({@code Work}), what concurrency costs on a machine
 * ({@code Calibration}), and the {@code Planner}, which predicts each way to run ({@code Alternative}, its
 * {@code Terms}) and picks one ({@code Plan}, with {@code explain}-able reasons). Measures nothing and runs nothing:
 * feed it figures and it answers, which is how its tests work. Depends on {@code pool} (for {@code Backend}) and
 * {@code time} only.
 */
package dev.chunkwise.plan;
