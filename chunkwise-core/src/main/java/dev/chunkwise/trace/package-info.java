/**
 * Where the time of a run went: a {@code Trace} of spans (a lane per worker, a phase such as {@code send} or
 * {@code compute}, a start and an end), and its two drawings, Chrome trace events ({@code ChromeTrace}, for Perfetto
 * or chrome://tracing) and an SVG timeline ({@code SvgTimeline}). Depends only on {@code time}.
 */
package dev.chunkwise.trace;
