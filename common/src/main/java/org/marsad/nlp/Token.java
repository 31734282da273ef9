package org.marsad.nlp;

/** A word of the stored text: {@code [start, end)} offsets into it, and its normalised form. */
public record Token(int start, int end, String norm) {}
