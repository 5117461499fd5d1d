// The load generator of scripts/bench-live.sh: holds many /ws or SSE clients in one thread (epoll,
// non-blocking sockets) and measures each event's latency from its commit (the event's "at") to
// its arrival. A Node client spends more time parsing than the server spends sending, so with a
// thousand clients it measures itself; this one costs a few hundred nanoseconds per event.
//
// Usage: switchboard-live-load ws|sse HOST PORT PATH KEY CLIENTS TOPIC
// Prints "ready" once every client is subscribed (ws) or streaming (sse); on SIGUSR2 prints one
// JSON line {"clients":N,"closed":N,"events":N,"histogram":[count per ms, last bucket = more]} and
// exits.
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <string_view>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int histogramMs = 60000;

volatile std::sig_atomic_t reportRequested = 0;

struct Client
{
    int fd = -1;
    bool headDone = false;
    bool ready = false;
    std::string in; // bytes not yet parsed
};

struct Totals
{
    long events = 0;
    long closed = 0;
    int ready = 0;
    std::vector<long> histogram = std::vector<long>(histogramMs + 1, 0);
};

std::int64_t nowMs()
{
    timespec now {};
    clock_gettime(CLOCK_REALTIME, &now);
    return std::int64_t(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

int digits(const char *p, int n)
{
    int value = 0;
    for (int i = 0; i < n; ++i)
        value = value * 10 + (p[i] - '0');
    return value;
}

// The "at" of one event object ("2026-12-07T18:10:53.123Z"), in ms since the epoch; -1 when absent.
std::int64_t eventTime(std::string_view json)
{
    constexpr std::string_view marker = "\"at\":\"";
    const auto at = json.find(marker);
    if (at == std::string_view::npos || json.size() < at + marker.size() + 24)
        return -1;
    const char *p = json.data() + at + marker.size();
    const auto days = daysFromCivil(digits(p, 4), unsigned(digits(p + 5, 2)), unsigned(digits(p + 8, 2)));
    const auto seconds = days * 86400 + digits(p + 11, 2) * 3600 + digits(p + 14, 2) * 60 + digits(p + 17, 2);
    return seconds * 1000 + digits(p + 20, 3);
}

void record(Totals &totals, std::string_view json)
{
    if (json.find("\"type\":\"event\"") == std::string_view::npos)
        return;
    const auto at = eventTime(json);
    if (at < 0)
        return;
    const auto latency = nowMs() - at;
    ++totals.events;
    ++totals.histogram[size_t(latency < 0 ? 0 : (latency > histogramMs ? histogramMs : latency))];
}

void sendAll(int fd, const std::string &bytes)
{
    size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n > 0)
            sent += size_t(n);
        else if (n < 0 && errno != EAGAIN && errno != EINTR)
            return;
    }
}

// A masked client text frame (RFC 6455 5.3: every client frame is masked).
std::string clientFrame(std::string_view payload, unsigned char opcode = 0x1)
{
    std::string frame;
    frame.push_back(char(0x80 | opcode));
    const unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
    if (payload.size() < 126) {
        frame.push_back(char(0x80 | payload.size()));
    } else {
        frame.push_back(char(0x80 | 126));
        frame.push_back(char(payload.size() >> 8));
        frame.push_back(char(payload.size() & 0xff));
    }
    frame.append(reinterpret_cast<const char *>(mask), 4);
    for (size_t i = 0; i < payload.size(); ++i)
        frame.push_back(char(payload[i] ^ mask[i % 4]));
    return frame;
}

// Parses the whole WebSocket frames in `client.in`; answers pings.
void parseFrames(Client &client, Totals &totals, const std::string &subscribedMarker)
{
    size_t pos = 0;
    const auto &in = client.in;
    while (in.size() - pos >= 2) {
        const auto b0 = static_cast<unsigned char>(in[pos]);
        const auto b1 = static_cast<unsigned char>(in[pos + 1]);
        std::uint64_t length = b1 & 0x7f;
        size_t header = 2;
        if (length == 126) {
            if (in.size() - pos < 4)
                break;
            length = (std::uint64_t(static_cast<unsigned char>(in[pos + 2])) << 8)
                | static_cast<unsigned char>(in[pos + 3]);
            header = 4;
        } else if (length == 127) {
            if (in.size() - pos < 10)
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | static_cast<unsigned char>(in[pos + 2 + size_t(i)]);
            header = 10;
        }
        if (in.size() - pos < header + length)
            break;
        const std::string_view payload(in.data() + pos + header, size_t(length));
        const auto opcode = b0 & 0x0f;
        if (opcode == 0x1) {
            if (!client.ready && payload.find(subscribedMarker) != std::string_view::npos) {
                client.ready = true;
                ++totals.ready;
            } else {
                record(totals, payload);
            }
        } else if (opcode == 0x9) {
            sendAll(client.fd, clientFrame(payload, 0xA));
        }
        pos += header + size_t(length);
    }
    client.in.erase(0, pos);
}

// Parses the complete SSE events (ending with an empty line) in `client.in`.
void parseEvents(Client &client, Totals &totals)
{
    size_t pos = 0;
    const auto &in = client.in;
    for (;;) {
        const auto end = in.find("\n\n", pos);
        if (end == std::string::npos)
            break;
        const std::string_view event(in.data() + pos, end - pos);
        const auto data = event.find("data: ");
        if (data != std::string_view::npos)
            record(totals, event.substr(data + 6));
        pos = end + 2;
    }
    client.in.erase(0, pos);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 8) {
        std::fprintf(stderr, "usage: %s ws|sse HOST PORT PATH KEY CLIENTS TOPIC\n", argv[0]);
        return 2;
    }
    const std::string kind = argv[1];
    const std::string host = argv[2];
    const int port = std::atoi(argv[3]);
    const std::string path = argv[4];
    const std::string key = argv[5];
    const int count = std::atoi(argv[6]);
    const std::string topic = argv[7];
    const bool ws = kind == "ws";
    std::signal(SIGUSR2, [](int) { reportRequested = 1; });
    std::signal(SIGPIPE, SIG_IGN);

    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::uint16_t(port));
    if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
        std::fprintf(stderr, "not an IPv4 address: %s\n", host.c_str());
        return 2;
    }
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port)
        + "\r\nAuthorization: Bearer " + key + "\r\n";
    if (ws)
        request += "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                   "Sec-WebSocket-Key: c3dpdGNoYm9hcmQtbG9hZA==\r\nSec-WebSocket-Protocol: "
                   "switchboard.v1\r\n\r\n";
    else
        request += "Accept: text/event-stream\r\n\r\n";
    const std::string subscribe = clientFrame("{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"]}");
    const std::string subscribedMarker = "\"type\":\"subscribed\"";

    const int epoll = epoll_create1(0);
    std::vector<Client> clients(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        auto &client = clients[size_t(i)];
        client.fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (client.fd < 0
            || ::connect(client.fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
            std::fprintf(stderr, "connect: %s\n", std::strerror(errno));
            return 1;
        }
        const int one = 1;
        setsockopt(client.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sendAll(client.fd, request);
        fcntl(client.fd, F_SETFL, fcntl(client.fd, F_GETFL) | O_NONBLOCK);
        epoll_event event {};
        event.events = EPOLLIN;
        event.data.u32 = std::uint32_t(i);
        epoll_ctl(epoll, EPOLL_CTL_ADD, client.fd, &event);
    }

    Totals totals;
    bool announced = false;
    std::vector<epoll_event> events(256);
    std::vector<char> buffer(1 << 18);
    while (!reportRequested) {
        const int ready = epoll_wait(epoll, events.data(), int(events.size()), 100);
        for (int e = 0; e < ready; ++e) {
            auto &client = clients[events[size_t(e)].data.u32];
            for (;;) {
                const auto n = ::recv(client.fd, buffer.data(), buffer.size(), 0);
                if (n > 0) {
                    client.in.append(buffer.data(), size_t(n));
                    if (size_t(n) < buffer.size())
                        break;
                    continue;
                }
                if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                    epoll_ctl(epoll, EPOLL_CTL_DEL, client.fd, nullptr);
                    ::close(client.fd);
                    client.fd = -1;
                    ++totals.closed;
                }
                break;
            }
            if (!client.headDone) {
                const auto end = client.in.find("\r\n\r\n");
                if (end == std::string::npos)
                    continue;
                const bool accepted = client.in.compare(0, 12, ws ? "HTTP/1.1 101" : "HTTP/1.1 200") == 0;
                if (!accepted) {
                    std::fprintf(
                        stderr, "refused: %s\n", client.in.substr(0, client.in.find("\r\n")).c_str());
                    client.in.clear();
                    continue;
                }
                client.headDone = true;
                client.in.erase(0, end + 4);
                if (ws) {
                    sendAll(client.fd, subscribe);
                } else {
                    client.ready = true;
                    ++totals.ready;
                }
            }
            if (ws)
                parseFrames(client, totals, subscribedMarker);
            else
                parseEvents(client, totals);
        }
        if (!announced && totals.ready == count) {
            std::printf("ready\n");
            std::fflush(stdout);
            announced = true;
        }
    }
    std::string out = "{\"clients\":" + std::to_string(totals.ready) + ",\"closed\":"
        + std::to_string(totals.closed) + ",\"events\":" + std::to_string(totals.events) + ",\"histogram\":[";
    for (size_t i = 0; i < totals.histogram.size(); ++i) {
        if (i)
            out += ',';
        out += std::to_string(totals.histogram[i]);
    }
    out += "]}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
