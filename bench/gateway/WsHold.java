import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Opens a WebSocket with a bearer token and prints, each with a millisecond timestamp, "open", the
 * frames it receives and how it ended ("close CODE REASON" or "error ..."). With a third argument
 * "close" it closes the socket itself (1000) two seconds after opening. Run as a single-file
 * program: {@code java bench/gateway/WsHold.java ws://host:port/ws <token> [close]}.
 */
public class WsHold {
  public static void main(String[] args) throws Exception {
    CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + args[1])
        .buildAsync(URI.create(args[0]), new WebSocket.Listener() {
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            System.out.println(System.currentTimeMillis() + " text " + data); w.request(1); return null; }
          public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(System.currentTimeMillis() + " close " + code + " " + reason); return null; }
          public void onError(WebSocket w, Throwable e) { closed.complete(System.currentTimeMillis() + " error " + e); }
        }).get(10, TimeUnit.SECONDS);
    System.out.println(System.currentTimeMillis() + " open");
    if (args.length > 2) {
      Thread.sleep(2000);
      ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
      System.out.println(System.currentTimeMillis() + " client closed");
    }
    System.out.println(closed.get(120, TimeUnit.SECONDS));
  }
}
