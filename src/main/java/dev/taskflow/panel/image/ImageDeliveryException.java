package dev.taskflow.panel.image;

/** An image could not be brought to the cluster: the command, what it said, and what to do. */
public class ImageDeliveryException extends RuntimeException {

    ImageDeliveryException(String message) {
        super(message);
    }
}
