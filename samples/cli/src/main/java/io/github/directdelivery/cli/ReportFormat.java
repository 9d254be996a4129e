package io.github.directdelivery.cli;

import io.github.directdelivery.DeliveryReport;
import io.github.directdelivery.MxHost;
import io.github.directdelivery.RecipientResult;
import io.github.directdelivery.ResolvedRoute;
import io.github.directdelivery.Route;
import io.github.directdelivery.TlsInfo;
import io.github.directdelivery.UnresolvedRoute;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders delivery results and routes as text for people and as JSON for programs. */
final class ReportFormat {

    private ReportFormat() {}

    /**
     * Returns one line such as {@code alice@example.org: DELIVERED 250 2.0.0 Ok; host
     * mx.example.org [192.0.2.1]; TLS TLSv1.3 TLS_AES_256_GCM_SHA384}.
     */
    static String recipientLine(RecipientResult result) {
        StringBuilder line = new StringBuilder(result.recipient()).append(": ").append(result.status());
        if (result.reply() != null) {
            line.append(' ').append(result.reply());
        } else {
            if (result.enhancedCode() != null) {
                line.append(' ').append(result.enhancedCode());
            }
            line.append(' ').append(result.text());
        }

        line.append("; ");
        if (result.host() == null) {
            line.append("no host");
        } else {
            line.append("host ").append(result.host());
            if (result.address() != null) {
                line.append(" [").append(result.address().getHostAddress()).append(']');
            }
        }

        TlsInfo tls = result.tls();
        line.append(tls == null ? "; no TLS" : "; TLS " + tls.protocol() + " " + tls.cipher());
        if (result.relayed()) {
            line.append("; via the fallback relay");
        }
        if (result.outcomeUnknown()) {
            line.append("; outcome unknown: the connection was lost after the message was sent");
        }
        return line.toString();
    }

    /**
     * Returns the report as {@code {"recipients":[...]}}, one object per recipient with the members
     * recipient, status, code, enhancedCode, text, host, address, tls and relayed.
     */
    static String reportJson(DeliveryReport report) {
        JsonWriter json = new JsonWriter().beginObject().name("recipients").beginArray();
        for (RecipientResult result : report.results()) {
            json.beginObject()
                    .name("recipient")
                    .value(result.recipient())
                    .name("status")
                    .value(result.status().name())
                    .name("code")
                    .value(result.code())
                    .name("enhancedCode")
                    .value(
                            result.enhancedCode() == null
                                    ? null
                                    : result.enhancedCode().toString())
                    .name("text")
                    .value(result.text())
                    .name("host")
                    .value(result.host())
                    .name("address")
                    .value(result.address() == null ? null : result.address().getHostAddress())
                    .name("tls");
            TlsInfo tls = result.tls();
            if (tls == null) {
                json.nullValue();
            } else {
                json.beginObject()
                        .name("protocol")
                        .value(tls.protocol())
                        .name("cipher")
                        .value(tls.cipher())
                        .endObject();
            }
            json.name("relayed").value(result.relayed()).endObject();
        }
        return json.endArray().endObject().toString();
    }

    /**
     * Returns the route as lines: a summary, then one line per MX host in the order they are
     * tried ({@code preference name addresses}), then each skipped host or address.
     */
    static List<String> routeLines(Route route) {
        List<String> lines = new ArrayList<>();
        if (route instanceof ResolvedRoute resolved) {
            int count = resolved.hosts().size();
            lines.add(
                    resolved.implicitMx()
                            ? route.domain() + ": no MX record, so the domain itself is its mail host"
                            : route.domain() + ": " + count + (count == 1 ? " MX host" : " MX hosts")
                                    + ", tried in this order");
            for (MxHost host : resolved.hosts()) {
                lines.add("  " + host.preference() + " " + host.name() + " " + addresses(host));
            }
        } else if (route instanceof UnresolvedRoute unresolved) {
            lines.add(
                    route.domain() + ": " + unresolved.status() + " " + unresolved.code() + " " + unresolved.reason());
        }
        for (String warning : route.warnings()) {
            lines.add("  skipped: " + warning);
        }
        return lines;
    }

    /**
     * Returns the route as {@code {"domain", "status": "RESOLVED"|"DEFERRED"|"FAILED",
     * "enhancedCode", "reason", "implicitMx", "hosts": [{"name", "preference", "addresses"}],
     * "warnings"}}; a failed route has no hosts, a resolved one a null code and reason.
     */
    static String routeJson(Route route) {
        JsonWriter json = new JsonWriter().beginObject().name("domain").value(route.domain());
        if (route instanceof ResolvedRoute resolved) {
            json.name("status")
                    .value("RESOLVED")
                    .name("enhancedCode")
                    .nullValue()
                    .name("reason")
                    .nullValue()
                    .name("implicitMx")
                    .value(resolved.implicitMx())
                    .name("hosts")
                    .beginArray();
            for (MxHost host : resolved.hosts()) {
                json.beginObject()
                        .name("name")
                        .value(host.name())
                        .name("preference")
                        .value(host.preference())
                        .name("addresses")
                        .beginArray();
                host.addresses().forEach(address -> json.value(address.getHostAddress()));
                json.endArray().endObject();
            }
            json.endArray();
        } else if (route instanceof UnresolvedRoute unresolved) {
            json.name("status")
                    .value(unresolved.status().name())
                    .name("enhancedCode")
                    .value(unresolved.code().toString())
                    .name("reason")
                    .value(unresolved.reason())
                    .name("implicitMx")
                    .value(false)
                    .name("hosts")
                    .beginArray()
                    .endArray();
        }
        json.name("warnings").beginArray();
        route.warnings().forEach(json::value);
        return json.endArray().endObject().toString();
    }

    private static String addresses(MxHost host) {
        return host.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
    }
}
