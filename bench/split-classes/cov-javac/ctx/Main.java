public class Main {
    // Compiled with javac and started as `java Main`: the class file must reach the runtime image.
    public static void main(String[] args) {
        System.out.println("hello from javac classes on a JRE");
    }
}
