package uk.vda.web;

import java.io.IOException;
import java.net.http.HttpResponse;

import uk.vda.ApiClient;

/** Keys with chosen scopes, made through the admin API as an administrator would. */
final class Keys {
    private Keys() {
    }

    static String create(PackagedApp app, String client, String... scopes) {
        String body = "{\"client\":\"" + client + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"]}";
        try {
            HttpResponse<String> response = app.api.post("/api/v1/admin/keys", PackagedApp.ADMIN_KEY, "application/json", body);
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Key not made: " + response.statusCode() + " " + response.body());
            }
            return ApiClient.JSON.readTree(response.body()).get("key").asString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
