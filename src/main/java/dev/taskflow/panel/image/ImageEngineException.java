package dev.taskflow.panel.image;

/** The Docker engine could not answer a question about an image (inspect, history, run, push): cause and fix. */
public class ImageEngineException extends RuntimeException {

    ImageEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
