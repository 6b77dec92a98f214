package dev.taskflow.panel.image;

/** The engine has no image by that reference: build it first. */
public class ImageNotBuiltException extends RuntimeException {

    private final String reference;

    ImageNotBuiltException(String reference) {
        super("The engine has no image " + reference + ": build it first (Images page, or the image-build task).");
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
