/*
 * helpline-service.exe — the Windows service "HelplineAgent" (LocalSystem, session 0) that hosts the
 * Helpline agent (README, "Windows service"):
 *
 *  - speaks to the Service Control Manager (StartServiceCtrlDispatcherW, RegisterServiceCtrlHandlerExW,
 *    SetServiceStatus) and accepts STOP, SHUTDOWN and SESSIONCHANGE; at start it sets its own
 *    recovery actions (ChangeServiceConfig2W, SERVICE_CONFIG_FAILURE_ACTIONS) so Windows restarts
 *    it if it crashes;
 *  - runs "<its own directory>\helpline-agent.exe run --service --state-dir %ProgramData%\Helpline"
 *    (CreateProcessW) with stdin/stdout as anonymous pipes (CreatePipe) — the service channel —
 *    and stderr copied into %ProgramData%\Helpline\logs\agent.log, rotated at 5 MB; restarts it
 *    when it exits (1 s, 2 s, 4 s … 60 s; back to 1 s after 5 min of running); on service stop
 *    sends {"type":"stop"}, waits 10 s, then TerminateProcess; a job object (CreateJobObjectW,
 *    JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE) ends the agent if the service itself dies;
 *  - tells the agent who is signed in: WTSEnumerateSessionsW + WTSQuerySessionInformationW
 *    (WTSUserName, WTSDomainName), console = WTSGetActiveConsoleSessionId, at start, on
 *    SERVICE_CONTROL_SESSIONCHANGE, every 60 s and when a tray comes or goes;
 *  - serves \\.\pipe\HelplineAgent to the trays (CreateNamedPipeW, overlapped so reads and writes
 *    on one pipe can run at once) and asks Windows who each client is: ImpersonateNamedPipeClient,
 *    OpenThreadToken, GetTokenInformation(TokenUser), LookupAccountSidW, RevertToSelf; its session
 *    by GetNamedPipeClientSessionId. A tray whose claimed DOMAIN\user is not that user is refused.
 *  - passes HKLM\SOFTWARE\Helpline ServerUrl / InstallKey (RegGetValueW) to the agent as
 *    HELPLINE_ENROLL_SERVER / HELPLINE_ENROLL_KEY.
 *  - keeps %ProgramData%\Helpline and its logs private to SYSTEM and Administrators
 *    (ConvertStringSecurityDescriptorToSecurityDescriptorW, CreateDirectoryW with it, or
 *    SetNamedSecurityInfoW with a protected DACL when the folder already exists), and
 *    HKLM\SOFTWARE\Helpline (SetNamedSecurityInfoW) as well: InstallKey is a credential.
 * Logs go to %ProgramData%\Helpline\logs\service.log, one line each, UTC ISO 8601 time first;
 * every Win32 failure is logged with GetLastError.
 *
 * Other modes: "--hardware-id" prints the SMBIOS system UUID and serial number (type 1 structure of
 * GetSystemFirmwareTable('RSMB'), SMBIOS spec DSP0134 §7.2) on two lines, nothing and exit 1 when
 * unreadable; "--state" prints the installed service's state (QueryServiceStatus) as one word;
 * "--console" runs the same host without the SCM until Ctrl+C (for tests and debugging).
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <aclapi.h>
#include <knownfolders.h>
#include <sddl.h>
#include <shlobj.h>
#include <wtsapi32.h>

#define SERVICE_NAME L"HelplineAgent"
#define PIPE_NAME L"\\\\.\\pipe\\HelplineAgent"
#define MAX_LINE (16u * 1024u * 1024u)
#define MAX_HELLO 4096u
#define MAX_CLIENTS 64
#define LOG_ROTATE_BYTES (5LL * 1024 * 1024)
#define STOP_GRACE_MS 10000
#define SESSIONS_EVERY_MS 60000
#define RESET_BACKOFF_AFTER_MS (5u * 60u * 1000u)
#define TRAY_WRITE_TIMEOUT_MS 5000
#define MAX_AGENT_QUEUE (48u * 1024u * 1024u) /* bytes waiting for the agent to read them */
#define HELLO_TIMEOUT_MS 10000 /* the whole hello, however slowly it comes: a silent client does not keep its thread */
#define MAX_WITHOUT_HELLO 8   /* connections that have not said hello yet (each holds a thread and a pipe) */
#define MAX_TRAYS_PER_USER 4  /* the 64 slots are shared by every user of the machine */
#define MAX_TRAY_LINE (12u * 1024u * 1024u) /* a tray line: a screenshot's base64 fits */
/* Owner Administrators; SYSTEM and Administrators only, inherited by all inside, nothing from above. */
#define PRIVATE_SDDL L"O:BAD:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"
#define PRIVATE_KEY_SDDL L"O:BAD:P(A;CI;KA;;;SY)(A;CI;KA;;;BA)"

typedef struct {
    HANDLE pipe;
    int conn;          /* 0: slot free */
    DWORD session;
    WCHAR profile[512]; /* DOMAIN\user as Windows vouched for it */
    BOOL closing;
    HANDLE stop; /* set to end the connection: its thread's read returns */
} Client;

static SERVICE_STATUS_HANDLE g_statusHandle;
static SERVICE_STATUS g_status;
static HANDLE g_stopEvent, g_sessionsEvent;
static WCHAR g_stateDir[MAX_PATH], g_logDir[MAX_PATH], g_installDir[MAX_PATH];
static CRITICAL_SECTION g_logLock, g_clientsLock;
/* Messages to the agent wait in a queue that one thread writes out (see sendToAgent). */
typedef struct Message {
    struct Message *next;
    HANDLE attach;  /* not NULL: from now on write to this agent's stdin */
    BOOL detach;    /* close the current agent's stdin (after what was queued before) */
    size_t len;
    char data[];
} Message;
static CRITICAL_SECTION g_queueLock;
static HANDLE g_queueEvent;
static Message *g_queueHead, *g_queueTail;
static size_t g_queueBytes;
static HANDLE g_job = NULL;        /* kills the agent when this process ends, however it ends */
static Client g_clients[MAX_CLIENTS];
static int g_nextConn = 1;
static volatile LONG g_withoutHello; /* connections whose hello is still awaited */

/* ---- logging ------------------------------------------------------------------------------ */

/* Renames `file` to `file`.1 (replacing it) when it has grown past 5 MB. */
static void rotateIfLarge(const WCHAR *file)
{
    WIN32_FILE_ATTRIBUTE_DATA info;
    if (!GetFileAttributesExW(file, GetFileExInfoStandard, &info)) return;
    if ((((LONGLONG)info.nFileSizeHigh) << 32 | info.nFileSizeLow) < LOG_ROTATE_BYTES) return;
    WCHAR old[MAX_PATH + 4];
    wsprintfW(old, L"%s.1", file);
    MoveFileExW(file, old, MOVEFILE_REPLACE_EXISTING);
}

/* Appends `bytes` to logs\<name>, rotating it first; FILE_SHARE_* so readers and rotation work. */
static void appendToLog(const WCHAR *name, const char *bytes, DWORD count)
{
    WCHAR file[MAX_PATH];
    wsprintfW(file, L"%s\\%s", g_logDir, name);
    rotateIfLarge(file);
    HANDLE h = CreateFileW(file, FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) return;
    DWORD written;
    WriteFile(h, bytes, count, &written, NULL);
    CloseHandle(h);
}

/* One line "<UTC ISO time> <message>" in service.log (and on stderr in --console mode). */
static void logLine(const WCHAR *format, ...)
{
    WCHAR message[1024], line[1100];
    va_list args;
    va_start(args, format);
    wvsprintfW(message, format, args);
    va_end(args);
    SYSTEMTIME t;
    GetSystemTime(&t);
    wsprintfW(line, L"%04u-%02u-%02uT%02u:%02u:%02u.%03uZ %s\r\n", t.wYear, t.wMonth, t.wDay, t.wHour, t.wMinute,
              t.wSecond, t.wMilliseconds, message);
    char utf8[4096];
    int n = WideCharToMultiByte(CP_UTF8, 0, line, -1, utf8, sizeof utf8, NULL, NULL);
    if (n <= 1) return;
    EnterCriticalSection(&g_logLock);
    appendToLog(L"service.log", utf8, (DWORD)(n - 1));
    if (!g_statusHandle) {
        DWORD written;
        WriteFile(GetStdHandle(STD_ERROR_HANDLE), utf8, (DWORD)(n - 1), &written, NULL);
    }
    LeaveCriticalSection(&g_logLock);
}

/* ---- small helpers ------------------------------------------------------------------------ */

/* A growing byte buffer; FALSE when memory runs out. */
typedef struct {
    char *data;
    size_t len, cap;
} Buffer;

static BOOL bufferAppend(Buffer *b, const char *bytes, size_t count)
{
    if (b->len + count + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + count + 1) cap *= 2;
        char *grown = b->data ? HeapReAlloc(GetProcessHeap(), 0, b->data, cap) : HeapAlloc(GetProcessHeap(), 0, cap);
        if (!grown) return FALSE;
        b->data = grown;
        b->cap = cap;
    }
    CopyMemory(b->data + b->len, bytes, count);
    b->len += count;
    b->data[b->len] = 0;
    return TRUE;
}

static void bufferFree(Buffer *b)
{
    if (b->data) HeapFree(GetProcessHeap(), 0, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Appends `text` (UTF-8) as a JSON string, quotes included (RFC 8259 §7). */
static BOOL bufferAppendJsonString(Buffer *b, const char *text, size_t count)
{
    static const char hex[] = "0123456789abcdef";
    if (!bufferAppend(b, "\"", 1)) return FALSE;
    for (size_t i = 0; i < count; i++) {
        unsigned char c = (unsigned char)text[i];
        char escaped[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
        BOOL ok;
        if (c == '"' || c == '\\') {
            char pair[2] = {'\\', (char)c};
            ok = bufferAppend(b, pair, 2);
        } else if (c < 0x20) ok = bufferAppend(b, escaped, 6);
        else ok = bufferAppend(b, (const char *)&c, 1);
        if (!ok) return FALSE;
    }
    return bufferAppend(b, "\"", 1);
}

static BOOL bufferAppendWideJsonString(Buffer *b, const WCHAR *text)
{
    char utf8[2048];
    int n = WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, sizeof utf8, NULL, NULL);
    return bufferAppendJsonString(b, utf8, n > 0 ? (size_t)n - 1 : 0);
}

static BOOL bufferAppendNumber(Buffer *b, DWORD n)
{
    char digits[16];
    int count = wsprintfA(digits, "%lu", n);
    return bufferAppend(b, digits, (size_t)count);
}

/*
 * Reads the next '\n'-ended line of `h` into `line` (without "\r\n"); FALSE at end of stream, on
 * a read error, or when a line exceeds `max` bytes. `pending` keeps what was read past the line.
 * `event`: `h` was opened with FILE_FLAG_OVERLAPPED (the trays' pipes) and this is its event;
 * then a read still waiting at `deadline` (GetTickCount64 time; 0: none), or when `stop` is set, is
 * cancelled and fails. The stop event, not CancelIoEx from another thread, ends a tray's reads:
 * a cancel that comes before this thread's next ReadFile would be lost.
 */
static BOOL readLine(HANDLE h, HANDLE event, HANDLE stop, Buffer *pending, Buffer *line, size_t max, ULONGLONG deadline)
{
    line->len = 0;
    for (;;) {
        if (stop && WaitForSingleObject(stop, 0) == WAIT_OBJECT_0) return FALSE;
        char *end = pending->len ? memchr(pending->data, '\n', pending->len) : NULL;
        if (end) {
            size_t count = (size_t)(end - pending->data);
            if (count > max) return FALSE;
            if (!bufferAppend(line, pending->data, count > 0 && end[-1] == '\r' ? count - 1 : count)) return FALSE;
            pending->len -= count + 1;
            MoveMemory(pending->data, end + 1, pending->len);
            return TRUE;
        }
        if (pending->len > max) return FALSE;
        char chunk[65536];
        DWORD got = 0;
        if (event) {
            OVERLAPPED ov = {0};
            ov.hEvent = event;
            if (!ReadFile(h, chunk, sizeof chunk, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) return FALSE;
            HANDLE waits[2] = {event, stop};
            ULONGLONG now = GetTickCount64();
            DWORD timeoutMs = deadline == 0 ? INFINITE : deadline > now ? (DWORD)(deadline - now) : 0;
            if (WaitForMultipleObjects(2, waits, FALSE, timeoutMs) != WAIT_OBJECT_0) CancelIoEx(h, &ov);
            if (!GetOverlappedResult(h, &ov, &got, TRUE)) return FALSE;
        } else if (!ReadFile(h, chunk, sizeof chunk, &got, NULL)) return FALSE;
        if (got == 0) continue;
        if (!bufferAppend(pending, chunk, got)) return FALSE;
    }
}

/* ---- the agent: its stdin is where the service's messages go ------------------------------- */

/*
 * Appends `m` to the agent's queue; FALSE (and `m` freed) when data would take the queue past
 * MAX_AGENT_QUEUE: an agent that does not read its stdin must not make the service hold
 * unbounded memory, and the caller drops the message (or the tray that sent it).
 */
static BOOL enqueue(Message *m)
{
    EnterCriticalSection(&g_queueLock);
    BOOL ok = m->len == 0 || g_queueBytes + m->len <= MAX_AGENT_QUEUE;
    if (ok) {
        g_queueBytes += m->len;
        if (g_queueTail) g_queueTail->next = m;
        else g_queueHead = m;
        g_queueTail = m;
    }
    LeaveCriticalSection(&g_queueLock);
    if (ok) SetEvent(g_queueEvent);
    else HeapFree(GetProcessHeap(), 0, m);
    return ok;
}

static Message *newMessage(size_t len)
{
    Message *m = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(Message) + len + 1);
    if (m) m->len = len;
    return m;
}

/*
 * Queues one message line (JSON, '\n' added) for the running agent (dropped when none runs):
 * never blocks, so no lock is held across a write to a pipe the agent may not be reading — the
 * agent's stdout thread needs those locks to drain what the agent writes. FALSE when the queue
 * is full or memory ran out.
 */
static BOOL sendToAgent(const char *json, size_t count)
{
    Message *m = newMessage(count + 1);
    if (!m) return FALSE;
    CopyMemory(m->data, json, count);
    m->data[count] = '\n';
    return enqueue(m);
}

/* From now on messages go to `stdinOfAgent` (the writer thread owns and closes it). */
static void attachAgent(HANDLE stdinOfAgent)
{
    Message *m = newMessage(0);
    if (!m) {
        CloseHandle(stdinOfAgent);
        return;
    }
    m->attach = stdinOfAgent;
    enqueue(m);
}

/*
 * The only writer of the agent's stdin: takes messages off the queue in order and writes them,
 * blocking as long as the agent does not read (an agent that died makes the write fail at once).
 */
static DWORD WINAPI writeToAgent(LPVOID unused)
{
    (void)unused;
    HANDLE agent = NULL;
    for (;;) {
        EnterCriticalSection(&g_queueLock);
        Message *m = g_queueHead;
        if (m) {
            g_queueHead = m->next;
            if (!g_queueHead) g_queueTail = NULL;
            g_queueBytes -= m->len;
        }
        LeaveCriticalSection(&g_queueLock);
        if (!m) {
            WaitForSingleObject(g_queueEvent, INFINITE);
            continue;
        }
        if (m->attach || m->detach) {
            if (agent) CloseHandle(agent);
            agent = m->attach;
        } else if (agent) {
            DWORD written;
            if (!WriteFile(agent, m->data, (DWORD)m->len, &written, NULL)) {
                logLine(L"Writing to the agent failed (error %lu)", GetLastError());
                CloseHandle(agent);
                agent = NULL;
            }
        }
        HeapFree(GetProcessHeap(), 0, m);
    }
    return 0;
}

static void sendTrayOpen(const Client *c)
{
    Buffer b = {0};
    if (bufferAppend(&b, "{\"type\":\"tray-open\",\"conn\":", 27) && bufferAppendNumber(&b, (DWORD)c->conn) &&
        bufferAppend(&b, ",\"profile\":", 11) && bufferAppendWideJsonString(&b, c->profile) &&
        bufferAppend(&b, ",\"session\":", 11) && bufferAppendNumber(&b, c->session) && bufferAppend(&b, "}", 1))
        sendToAgent(b.data, b.len);
    bufferFree(&b);
}

/* Adds one session to the sessions message unless that session is already in it. */
static BOOL appendSession(Buffer *b, DWORD *listed, int *count, DWORD id, const WCHAR *profile, DWORD console)
{
    for (int i = 0; i < *count; i++)
        if (listed[i] == id) return TRUE;
    if (*count >= MAX_CLIENTS * 2) return TRUE;
    listed[(*count)++] = id;
    return (*count == 1 || bufferAppend(b, ",", 1)) && bufferAppend(b, "{\"id\":", 6) && bufferAppendNumber(b, id) &&
           bufferAppend(b, ",\"profile\":", 11) && bufferAppendWideJsonString(b, profile) &&
           bufferAppend(b, id == console ? ",\"console\":true}" : ",\"console\":false}", id == console ? 16 : 17);
}

/* DOMAIN\user of a session from WTSQuerySessionInformationW; FALSE when nobody is signed in to it. */
static BOOL sessionProfile(DWORD id, WCHAR *profile, size_t size)
{
    LPWSTR user = NULL, domain = NULL;
    DWORD bytes;
    BOOL ok = WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE, id, WTSUserName, &user, &bytes) && user && user[0] &&
              WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE, id, WTSDomainName, &domain, &bytes) && domain;
    if (ok && lstrlenW(user) + lstrlenW(domain) + 2 <= (int)size) wsprintfW(profile, L"%s\\%s", domain, user);
    else ok = FALSE;
    if (user) WTSFreeMemory(user);
    if (domain) WTSFreeMemory(domain);
    return ok;
}

/*
 * The sessions message: every session with a signed-in user. Wine 8 enumerates no sessions at all
 * (WTSEnumerateSessionsW succeeds with 0), so when the enumeration names nobody the console
 * session is asked directly, and the sessions of the trays connected now (users Windows vouched
 * for on the pipe) are added — on Windows both are already in the enumeration.
 */
static void sendSessions(void)
{
    Buffer b = {0};
    DWORD listed[MAX_CLIENTS * 2];
    int count = 0;
    DWORD console = WTSGetActiveConsoleSessionId();
    WCHAR profile[512];
    BOOL ok = bufferAppend(&b, "{\"type\":\"sessions\",\"sessions\":[", 31);
    WTS_SESSION_INFOW *sessions = NULL;
    DWORD n = 0;
    if (!WTSEnumerateSessionsW(WTS_CURRENT_SERVER_HANDLE, 0, 1, &sessions, &n)) {
        logLine(L"WTSEnumerateSessionsW failed (error %lu)", GetLastError());
        n = 0;
    }
    for (DWORD i = 0; ok && i < n; i++)
        if (sessionProfile(sessions[i].SessionId, profile, 512))
            ok = appendSession(&b, listed, &count, sessions[i].SessionId, profile, console);
    if (sessions) WTSFreeMemory(sessions);
    if (ok && count == 0 && console != 0xFFFFFFFF && sessionProfile(console, profile, 512))
        ok = appendSession(&b, listed, &count, console, profile, console);
    EnterCriticalSection(&g_clientsLock);
    for (int i = 0; ok && i < MAX_CLIENTS; i++)
        if (g_clients[i].conn && !g_clients[i].closing)
            ok = appendSession(&b, listed, &count, g_clients[i].session, g_clients[i].profile, console);
    LeaveCriticalSection(&g_clientsLock);
    if (ok && bufferAppend(&b, "]}", 2)) sendToAgent(b.data, b.len);
    bufferFree(&b);
}

/* ---- the trays ---------------------------------------------------------------------------- */

/*
 * Writes `count` bytes to a tray's pipe (overlapped: its own thread may be reading it). A tray
 * that does not take them within 5 s is cut off, so one stuck tray cannot stall the others.
 */
static BOOL writeToTray(HANDLE pipe, const char *bytes, DWORD count)
{
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (!event) return FALSE;
    OVERLAPPED ov = {0};
    ov.hEvent = event;
    DWORD written = 0;
    BOOL ok = WriteFile(pipe, bytes, count, NULL, &ov) || GetLastError() == ERROR_IO_PENDING;
    if (ok && WaitForSingleObject(event, TRAY_WRITE_TIMEOUT_MS) != WAIT_OBJECT_0) {
        CancelIoEx(pipe, &ov);
        ok = FALSE;
    }
    if (!GetOverlappedResult(pipe, &ov, &written, TRUE)) ok = FALSE;
    CloseHandle(event);
    return ok && written == count;
}

static Client *findClient(int conn)
{
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (g_clients[i].conn == conn) return &g_clients[i];
    return NULL;
}

/* Ends a tray's connection: its thread's read (pending or next) fails, and that thread cleans up. */
static void closeClient(Client *c)
{
    c->closing = TRUE;
    SetEvent(c->stop);
}

/* Sends "refused\t<reason>\n" to a tray that may not connect. */
static void refuse(HANDLE pipe, const WCHAR *reason)
{
    char line[1200] = "refused\t";
    int n = WideCharToMultiByte(CP_UTF8, 0, reason, -1, line + 8, sizeof line - 10, NULL, NULL);
    if (n <= 0) return;
    lstrcatA(line, "\n");
    writeToTray(pipe, line, (DWORD)lstrlenA(line));
}

/*
 * DOMAIN\user of the pipe's client as Windows knows it (not as the client claims): the service
 * impersonates the client, reads its token's user and reverts — ImpersonateNamedPipeClient,
 * OpenThreadToken, GetTokenInformation(TokenUser), LookupAccountSidW. FALSE (logged) when any fails.
 */
static BOOL vouchedUser(HANDLE pipe, WCHAR *profile, DWORD size)
{
    if (!ImpersonateNamedPipeClient(pipe)) {
        logLine(L"ImpersonateNamedPipeClient failed (error %lu)", GetLastError());
        return FALSE;
    }
    HANDLE token = NULL;
    BOOL ok = OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &token);
    DWORD error = ok ? 0 : GetLastError();
    if (!RevertToSelf()) {
        /* Running on as the client would be a privilege mix-up: stop here. */
        logLine(L"RevertToSelf failed (error %lu); exiting", GetLastError());
        ExitProcess(1);
    }
    if (!ok) {
        logLine(L"OpenThreadToken failed (error %lu)", error);
        return FALSE;
    }
    BYTE buffer[512];
    DWORD length;
    WCHAR name[256], domain[256];
    DWORD nameLength = 256, domainLength = 256;
    SID_NAME_USE use;
    ok = GetTokenInformation(token, TokenUser, buffer, sizeof buffer, &length);
    if (!ok) logLine(L"GetTokenInformation(TokenUser) failed (error %lu)", GetLastError());
    else if (!(ok = LookupAccountSidW(NULL, ((TOKEN_USER *)buffer)->User.Sid, name, &nameLength, domain, &domainLength, &use)))
        logLine(L"LookupAccountSidW failed (error %lu)", GetLastError());
    else if (nameLength + domainLength + 2 > size) ok = FALSE;
    else wsprintfW(profile, L"%s\\%s", domain, name);
    CloseHandle(token);
    return ok;
}

/* TRUE when `text` has a control character other than tab (the protocol's lines never do). */
static BOOL hasControlCharacters(const char *text, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (((unsigned char)text[i] < 0x20 && text[i] != '\t') || text[i] == 0x7f) return TRUE;
    return FALSE;
}

/* How many trays of `profile` (as Windows vouched for it) are connected; under g_clientsLock. */
static int traysOf(const WCHAR *profile)
{
    int count = 0;
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (g_clients[i].conn && CompareStringOrdinal(g_clients[i].profile, -1, profile, -1, TRUE) == CSTR_EQUAL) count++;
    return count;
}

/* One tray, on its own thread: hello, Windows' word on who it is, then its lines to the agent. */
static DWORD WINAPI serveTray(LPVOID param)
{
    HANDLE pipe = (HANDLE)param;
    HANDLE event = CreateEventW(NULL, TRUE, FALSE, NULL), stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    Buffer pending = {0}, line = {0};
    Client *client = NULL;
    WCHAR claim[512], actual[512];
    ULONG session = 0;
    BOOL hello = event && stop && readLine(pipe, event, stop, &pending, &line, MAX_HELLO, GetTickCount64() + HELLO_TIMEOUT_MS);
    InterlockedDecrement(&g_withoutHello);
    if (!event || !stop) logLine(L"CreateEventW failed (error %lu)", GetLastError());
    else if (!hello || line.len < 6 || memcmp(line.data, "hello\t", 6) != 0)
        logLine(L"A pipe client sent no valid hello within %lu s; closed", HELLO_TIMEOUT_MS / 1000);
    else if (hasControlCharacters(line.data, line.len))
        refuse(pipe, L"the hello has control characters");
    else if (MultiByteToWideChar(CP_UTF8, 0, line.data + 6, (int)line.len - 5, claim, 512) <= 0 || !claim[0])
        refuse(pipe, L"the hello names no profile");
    else if (!vouchedUser(pipe, actual, 512))
        refuse(pipe, L"Windows could not say who this client is");
    else if (CompareStringOrdinal(claim, -1, actual, -1, TRUE) != CSTR_EQUAL) {
        logLine(L"Refused a tray claiming to be %s: Windows says its user is %s", claim, actual);
        refuse(pipe, L"the claimed profile is not this connection's Windows user");
    } else {
        if (!GetNamedPipeClientSessionId(pipe, &session)) logLine(L"GetNamedPipeClientSessionId failed (error %lu)", GetLastError());
        EnterCriticalSection(&g_clientsLock);
        BOOL tooMany = traysOf(actual) >= MAX_TRAYS_PER_USER;
        for (int i = 0; i < MAX_CLIENTS && !client && !tooMany; i++)
            if (!g_clients[i].conn) client = &g_clients[i];
        if (client) {
            client->pipe = pipe;
            client->conn = g_nextConn++;
            client->session = session;
            client->closing = FALSE;
            client->stop = stop;
            lstrcpynW(client->profile, actual, 512);
            sendTrayOpen(client);
        }
        LeaveCriticalSection(&g_clientsLock);
        if (tooMany) logLine(L"Refused a tray of %s: it has %d connected already", actual, MAX_TRAYS_PER_USER);
        if (!client) refuse(pipe, tooMany ? L"too many trays of this user connected" : L"too many trays connected");
    }
    if (client) {
        logLine(L"Tray %d connected: %s, session %lu", client->conn, client->profile, session);
        sendSessions();
        Buffer json = {0};
        while (readLine(pipe, event, stop, &pending, &line, MAX_TRAY_LINE, 0)) {
            if (hasControlCharacters(line.data, line.len)) {
                logLine(L"Tray %d sent a line with control characters; closing it", client->conn);
                break;
            }
            json.len = 0;
            if (bufferAppend(&json, "{\"type\":\"tray-line\",\"conn\":", 27) && bufferAppendNumber(&json, (DWORD)client->conn) &&
                bufferAppend(&json, ",\"line\":", 8) && bufferAppendJsonString(&json, line.data ? line.data : "", line.len) &&
                bufferAppend(&json, "}", 1) && !sendToAgent(json.data, json.len)) {
                logLine(L"Tray %d: the agent is not reading (%lu bytes waiting); closing the tray", client->conn, (DWORD)g_queueBytes);
                break;
            }
        }
        bufferFree(&json);
        EnterCriticalSection(&g_clientsLock);
        char close[64];
        int n = wsprintfA(close, "{\"type\":\"tray-close\",\"conn\":%d}", client->conn);
        sendToAgent(close, (size_t)n);
        logLine(L"Tray %d disconnected", client->conn);
        client->conn = 0;
        LeaveCriticalSection(&g_clientsLock);
        sendSessions();
    }
    bufferFree(&pending);
    bufferFree(&line);
    if (event) CloseHandle(event);
    if (stop) CloseHandle(stop);
    /* Closed, not DisconnectNamedPipe'd (which drops unread data) nor flushed (which waits for a
     * client that may never read): the client still reads what was sent, e.g. "refused", then
     * sees the pipe broken. */
    CloseHandle(pipe);
    return 0;
}

/*
 * Accepts trays on \\.\pipe\HelplineAgent until the service stops: one pipe instance per client.
 * Authenticated Users may read and write (0x12019b: FILE_GENERIC_READ|WRITE without
 * FILE_CREATE_PIPE_INSTANCE, so no user can serve the pipe name); the first instance is created
 * with FILE_FLAG_FIRST_PIPE_INSTANCE so a process that took the name first makes this fail.
 */
static DWORD WINAPI acceptTrays(LPVOID unused)
{
    (void)unused;
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, FALSE};
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(L"D:(A;;0x12019b;;;AU)(A;;GA;;;SY)(A;;GA;;;BA)", SDDL_REVISION_1,
                                                              &sa.lpSecurityDescriptor, NULL)) {
        logLine(L"ConvertStringSecurityDescriptorToSecurityDescriptorW failed (error %lu); no tray can connect", GetLastError());
        return 1;
    }
    HANDLE connected = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD first = FILE_FLAG_FIRST_PIPE_INSTANCE;
    while (connected && WaitForSingleObject(g_stopEvent, 0) == WAIT_TIMEOUT) {
        HANDLE pipe = CreateNamedPipeW(PIPE_NAME, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED | first,
                                       PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
                                       PIPE_UNLIMITED_INSTANCES, 65536, 65536, 0, &sa);
        if (pipe == INVALID_HANDLE_VALUE) {
            logLine(L"CreateNamedPipeW %s failed (error %lu); retrying in 5 s", PIPE_NAME, GetLastError());
            WaitForSingleObject(g_stopEvent, 5000);
            continue;
        }
        first = 0;
        OVERLAPPED ov = {0};
        ov.hEvent = connected;
        ResetEvent(connected);
        BOOL ok = ConnectNamedPipe(pipe, &ov);
        DWORD error = ok ? ERROR_PIPE_CONNECTED : GetLastError();
        if (error == ERROR_IO_PENDING) {
            HANDLE waits[2] = {connected, g_stopEvent};
            if (WaitForMultipleObjects(2, waits, FALSE, INFINITE) != WAIT_OBJECT_0) {
                CancelIoEx(pipe, &ov);
                CloseHandle(pipe);
                break;
            }
            DWORD ignored;
            error = GetOverlappedResult(pipe, &ov, &ignored, FALSE) ? ERROR_PIPE_CONNECTED : GetLastError();
        }
        if (error != ERROR_PIPE_CONNECTED) {
            logLine(L"ConnectNamedPipe failed (error %lu)", error);
            CloseHandle(pipe);
            continue;
        }
        if (InterlockedIncrement(&g_withoutHello) > MAX_WITHOUT_HELLO) {
            InterlockedDecrement(&g_withoutHello);
            logLine(L"%d pipe clients have not said hello yet; closed a new one", MAX_WITHOUT_HELLO);
            CloseHandle(pipe);
            continue;
        }
        HANDLE thread = CreateThread(NULL, 0, serveTray, pipe, 0, NULL);
        if (thread) CloseHandle(thread);
        else {
            InterlockedDecrement(&g_withoutHello);
            logLine(L"CreateThread for a tray failed (error %lu)", GetLastError());
            CloseHandle(pipe);
        }
    }
    if (connected) CloseHandle(connected);
    LocalFree(sa.lpSecurityDescriptor);
    return 0;
}

/* ---- the agent process -------------------------------------------------------------------- */

/* The agent's stdout: "send\t<conn>\t<line>" and "close\t<conn>" lines, carried out. */
static DWORD WINAPI followAgentOutput(LPVOID param)
{
    HANDLE out = (HANDLE)param;
    Buffer pending = {0}, line = {0};
    while (readLine(out, NULL, NULL, &pending, &line, MAX_LINE + 64, 0)) {
        char *text = line.data ? line.data : "";
        BOOL send = line.len > 5 && memcmp(text, "send\t", 5) == 0;
        BOOL close = line.len > 6 && memcmp(text, "close\t", 6) == 0;
        char *number = text + (send ? 5 : 6), *rest = number;
        int conn = 0;
        while (*rest >= '0' && *rest <= '9') conn = conn * 10 + (*rest++ - '0');
        if ((!send && !close) || rest == number || (send && *rest != '\t') || (close && *rest)) {
            logLine(L"The agent wrote a line that is not a command (%lu bytes); ignored", (DWORD)line.len);
            continue;
        }
        /* The write (up to 5 s for a tray that does not read) is done on a duplicate of the tray's
         * handle, outside the lock: its own thread may close the original meanwhile. */
        HANDLE pipe = NULL;
        EnterCriticalSection(&g_clientsLock);
        Client *client = findClient(conn);
        if (client && !client->closing) {
            if (close) closeClient(client);
            else if (!DuplicateHandle(GetCurrentProcess(), client->pipe, GetCurrentProcess(), &pipe, 0, FALSE, DUPLICATE_SAME_ACCESS)) {
                logLine(L"DuplicateHandle for tray %d failed (error %lu)", conn, GetLastError());
                pipe = NULL;
            }
        }
        LeaveCriticalSection(&g_clientsLock);
        if (!pipe) continue;
        line.data[line.len] = '\n';
        BOOL written = writeToTray(pipe, rest + 1, (DWORD)(line.len - (size_t)(rest + 1 - text) + 1));
        DWORD error = GetLastError();
        CloseHandle(pipe);
        if (written) continue;
        logLine(L"Writing to tray %d failed (error %lu); closing it", conn, error);
        EnterCriticalSection(&g_clientsLock);
        client = findClient(conn);
        if (client && !client->closing) closeClient(client);
        LeaveCriticalSection(&g_clientsLock);
    }
    bufferFree(&pending);
    bufferFree(&line);
    CloseHandle(out);
    return 0;
}

/* The agent's stderr, appended to logs\agent.log (rotated at 5 MB, one .1 kept). */
static DWORD WINAPI copyAgentLog(LPVOID param)
{
    HANDLE err = (HANDLE)param;
    char chunk[8192];
    DWORD got;
    while (ReadFile(err, chunk, sizeof chunk, &got, NULL) && got > 0) appendToLog(L"agent.log", chunk, got);
    CloseHandle(err);
    return 0;
}

/* Passes HKLM\SOFTWARE\Helpline `value` (REG_SZ) to the agent as environment variable `name`. */
static void passRegistryValue(const WCHAR *value, const WCHAR *name)
{
    WCHAR data[2048];
    DWORD size = sizeof data;
    LSTATUS status = RegGetValueW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\Helpline", value, RRF_RT_REG_SZ, NULL, data, &size);
    SetEnvironmentVariableW(name, status == ERROR_SUCCESS && data[0] ? data : NULL);
}

/* A pipe whose `ours` end the agent does not inherit. */
static BOOL makePipe(HANDLE *read, HANDLE *write, BOOL oursIsRead)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    if (!CreatePipe(read, write, &sa, 0)) {
        logLine(L"CreatePipe failed (error %lu)", GetLastError());
        return FALSE;
    }
    SetHandleInformation(oursIsRead ? *read : *write, HANDLE_FLAG_INHERIT, 0);
    return TRUE;
}

/*
 * Starts helpline-agent.exe with the channel's pipes and tells it what it needs to know: who is
 * signed in and which trays are connected (they stay connected across an agent restart).
 */
static BOOL startAgent(PROCESS_INFORMATION *process)
{
    HANDLE inRead, inWrite, outRead, outWrite, errRead, errWrite;
    if (!makePipe(&inRead, &inWrite, FALSE)) return FALSE;
    if (!makePipe(&outRead, &outWrite, TRUE)) {
        CloseHandle(inRead);
        CloseHandle(inWrite);
        return FALSE;
    }
    if (!makePipe(&errRead, &errWrite, TRUE)) {
        CloseHandle(inRead);
        CloseHandle(inWrite);
        CloseHandle(outRead);
        CloseHandle(outWrite);
        return FALSE;
    }
    WCHAR command[3 * MAX_PATH];
    wsprintfW(command, L"\"%s\\helpline-agent.exe\" run --service --state-dir \"%s\"", g_installDir, g_stateDir);
    passRegistryValue(L"ServerUrl", L"HELPLINE_ENROLL_SERVER");
    passRegistryValue(L"InstallKey", L"HELPLINE_ENROLL_KEY");
    STARTUPINFOW si = {0};
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = inRead;
    si.hStdOutput = outWrite;
    si.hStdError = errWrite;
    BOOL ok = CreateProcessW(NULL, command, NULL, NULL, TRUE, CREATE_NO_WINDOW | CREATE_SUSPENDED, NULL, g_installDir, &si,
                             process);
    DWORD error = GetLastError();
    if (ok) {
        /* In the job before it runs a single instruction: it dies with this process. */
        if (g_job && !AssignProcessToJobObject(g_job, process->hProcess))
            logLine(L"AssignProcessToJobObject failed (error %lu); the agent would outlive a crash of the service", GetLastError());
        if (ResumeThread(process->hThread) == (DWORD)-1) {
            error = GetLastError();
            TerminateProcess(process->hProcess, 1);
            CloseHandle(process->hProcess);
            CloseHandle(process->hThread);
            ok = FALSE;
        }
    }
    CloseHandle(inRead);
    CloseHandle(outWrite);
    CloseHandle(errWrite);
    HANDLE threads[2] = {NULL, NULL};
    if (ok) {
        threads[0] = CreateThread(NULL, 0, followAgentOutput, outRead, 0, NULL);
        threads[1] = CreateThread(NULL, 0, copyAgentLog, errRead, 0, NULL);
    }
    if (!ok || !threads[0] || !threads[1]) {
        if (ok) error = GetLastError();
        logLine(L"Starting %s failed (error %lu)", command, error);
        if (ok) {
            TerminateProcess(process->hProcess, 1);
            CloseHandle(process->hProcess);
            CloseHandle(process->hThread);
        }
        if (!threads[0]) CloseHandle(outRead);
        if (!threads[1]) CloseHandle(errRead);
        for (int i = 0; i < 2; i++)
            if (threads[i]) CloseHandle(threads[i]);
        CloseHandle(inWrite);
        return FALSE;
    }
    CloseHandle(threads[0]);
    CloseHandle(threads[1]);
    CloseHandle(process->hThread);
    logLine(L"Started the agent (process %lu)", process->dwProcessId);
    attachAgent(inWrite);
    sendSessions();
    EnterCriticalSection(&g_clientsLock);
    for (int i = 0; i < MAX_CLIENTS; i++)
        if (g_clients[i].conn && !g_clients[i].closing) sendTrayOpen(&g_clients[i]);
    LeaveCriticalSection(&g_clientsLock);
    return TRUE;
}

/* Closes the agent's stdin once what is queued is written; later messages are dropped until the next agent runs. */
static void forgetAgent(void)
{
    Message *m = newMessage(0);
    if (!m) return;
    m->detach = TRUE;
    enqueue(m);
}

/* Asks the agent to stop (stop message, and its stdin closed), waits 10 s, then terminates it. */
static void stopAgent(HANDLE process)
{
    const char stop[] = "{\"type\":\"stop\"}";
    sendToAgent(stop, sizeof stop - 1);
    forgetAgent();
    if (WaitForSingleObject(process, STOP_GRACE_MS) == WAIT_OBJECT_0) {
        DWORD code = 0;
        GetExitCodeProcess(process, &code);
        logLine(L"The agent stopped (exit code %lu)", code);
    } else {
        logLine(L"The agent did not stop within %lu s; terminating it", STOP_GRACE_MS / 1000);
        if (!TerminateProcess(process, 1)) logLine(L"TerminateProcess failed (error %lu)", GetLastError());
        WaitForSingleObject(process, 5000);
    }
}

/*
 * A job object that kills its processes when its last handle closes — when this process exits or
 * crashes (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE, SetInformationJobObject): an agent left running
 * would be a second one beside the agent of the next service start. NULL (logged) when it fails.
 */
static HANDLE createKillOnCloseJob(void)
{
    HANDLE job = CreateJobObjectW(NULL, NULL);
    if (!job) {
        logLine(L"CreateJobObjectW failed (error %lu)", GetLastError());
        return NULL;
    }
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits = {0};
    limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof limits)) {
        logLine(L"SetInformationJobObject failed (error %lu)", GetLastError());
        CloseHandle(job);
        return NULL;
    }
    return job;
}

/*
 * The host: the tray pipe, and the agent run and restarted (1 s, 2 s, 4 s … 60 s between starts;
 * back to 1 s once it ran 5 minutes) until the stop event. Sessions go to the agent every 60 s and
 * when Windows says they changed.
 */
static void runHost(void)
{
    g_job = createKillOnCloseJob();
    HANDLE acceptor = CreateThread(NULL, 0, acceptTrays, NULL, 0, NULL);
    if (!acceptor) logLine(L"CreateThread for the tray pipe failed (error %lu)", GetLastError());
    DWORD delay = 1000;
    while (WaitForSingleObject(g_stopEvent, 0) == WAIT_TIMEOUT) {
        PROCESS_INFORMATION process;
        if (!startAgent(&process)) {
            logLine(L"Trying again in %lu s", delay / 1000);
            WaitForSingleObject(g_stopEvent, delay);
            delay = delay * 2 > 60000 ? 60000 : delay * 2;
            continue;
        }
        ULONGLONG started = GetTickCount64();
        for (;;) {
            HANDLE waits[3] = {process.hProcess, g_stopEvent, g_sessionsEvent};
            DWORD which = WaitForMultipleObjects(3, waits, FALSE, SESSIONS_EVERY_MS);
            if (which == WAIT_OBJECT_0) {
                DWORD code = 0;
                GetExitCodeProcess(process.hProcess, &code);
                forgetAgent();
                if (GetTickCount64() - started >= RESET_BACKOFF_AFTER_MS) delay = 1000;
                logLine(L"The agent exited (exit code %lu); restarting it in %lu s", code, delay / 1000);
                WaitForSingleObject(g_stopEvent, delay);
                delay = delay * 2 > 60000 ? 60000 : delay * 2;
                break;
            }
            if (which == WAIT_OBJECT_0 + 1) {
                stopAgent(process.hProcess);
                break;
            }
            if (which == WAIT_FAILED) {
                logLine(L"WaitForMultipleObjects failed (error %lu)", GetLastError());
                Sleep(1000);
            }
            sendSessions();
        }
        CloseHandle(process.hProcess);
    }
    if (acceptor) {
        WaitForSingleObject(acceptor, 5000);
        CloseHandle(acceptor);
    }
}

/* ---- the Service Control Manager --------------------------------------------------------- */

static void reportStatus(DWORD state, DWORD exitCode, DWORD waitHint)
{
    static DWORD checkPoint = 1;
    g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    g_status.dwCurrentState = state;
    g_status.dwWin32ExitCode = exitCode;
    g_status.dwWaitHint = waitHint;
    g_status.dwControlsAccepted =
        state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN | SERVICE_ACCEPT_SESSIONCHANGE : 0;
    g_status.dwCheckPoint = state == SERVICE_RUNNING || state == SERVICE_STOPPED ? 0 : checkPoint++;
    if (!SetServiceStatus(g_statusHandle, &g_status)) logLine(L"SetServiceStatus failed (error %lu)", GetLastError());
}

static DWORD WINAPI handleControl(DWORD control, DWORD eventType, LPVOID eventData, LPVOID context)
{
    (void)eventType, (void)eventData, (void)context;
    switch (control) {
    case SERVICE_CONTROL_STOP:
    case SERVICE_CONTROL_SHUTDOWN:
        reportStatus(SERVICE_STOP_PENDING, NO_ERROR, STOP_GRACE_MS + 10000);
        SetEvent(g_stopEvent);
        return NO_ERROR;
    case SERVICE_CONTROL_SESSIONCHANGE:
        SetEvent(g_sessionsEvent);
        return NO_ERROR;
    case SERVICE_CONTROL_INTERROGATE:
        return NO_ERROR;
    default:
        return ERROR_CALL_NOT_IMPLEMENTED;
    }
}

/*
 * Asks the SCM to restart this service when its process dies without reporting SERVICE_STOPPED
 * (a crash of the host itself; the agent's crashes are the host's job): after 5 s, 30 s, then
 * 60 s, the count reset after a day without failure. ChangeServiceConfig2W with
 * SERVICE_CONFIG_FAILURE_ACTIONS (Win32 docs, SERVICE_FAILURE_ACTIONSW), done at every start so an
 * install by any means (MSI, sc create) gets it; wixl has no ServiceConfig element. Not delayed
 * auto-start: the trays started at logon wait for this service's pipe, and a delayed start would
 * leave Ctrl+F12 dead for the first two minutes after boot. A failure is logged, never fatal.
 */
static void configureRecovery(void)
{
    SC_HANDLE manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    if (!manager) {
        logLine(L"OpenSCManagerW failed (error %lu): recovery actions not set", GetLastError());
        return;
    }
    SC_HANDLE service = OpenServiceW(manager, SERVICE_NAME, SERVICE_CHANGE_CONFIG | SERVICE_START);
    if (!service) {
        logLine(L"OpenServiceW failed (error %lu): recovery actions not set", GetLastError());
        CloseServiceHandle(manager);
        return;
    }
    SC_ACTION actions[] = {{SC_ACTION_RESTART, 5000}, {SC_ACTION_RESTART, 30000}, {SC_ACTION_RESTART, 60000}};
    SERVICE_FAILURE_ACTIONSW failure = {
        .dwResetPeriod = 24 * 60 * 60, /* seconds */
        .lpRebootMsg = NULL,
        .lpCommand = NULL,
        .cActions = sizeof actions / sizeof actions[0],
        .lpsaActions = actions,
    };
    if (!ChangeServiceConfig2W(service, SERVICE_CONFIG_FAILURE_ACTIONS, &failure))
        logLine(L"ChangeServiceConfig2W(SERVICE_CONFIG_FAILURE_ACTIONS) failed (error %lu): recovery actions not set",
                GetLastError());
    else
        logLine(L"Recovery actions set: restart after 5 s, 30 s, 60 s; reset after 1 day");
    CloseServiceHandle(service);
    CloseServiceHandle(manager);
}

static void WINAPI serviceMain(DWORD argc, LPWSTR *argv)
{
    (void)argc, (void)argv;
    g_statusHandle = RegisterServiceCtrlHandlerExW(SERVICE_NAME, handleControl, NULL);
    if (!g_statusHandle) {
        logLine(L"RegisterServiceCtrlHandlerExW failed (error %lu)", GetLastError());
        return;
    }
    reportStatus(SERVICE_RUNNING, NO_ERROR, 0);
    logLine(L"Service started");
    configureRecovery();
    runHost();
    logLine(L"Service stopped");
    reportStatus(SERVICE_STOPPED, NO_ERROR, 0);
}

static BOOL WINAPI handleCtrlC(DWORD type)
{
    (void)type;
    SetEvent(g_stopEvent);
    return TRUE;
}

/* ---- --hardware-id ------------------------------------------------------------------------ */

/* The `index`th string (1-based) after an SMBIOS structure's formatted area; NULL when absent. */
static const char *smbiosString(const BYTE *structure, const BYTE *end, BYTE index)
{
    const char *s = (const char *)structure + structure[1];
    for (BYTE i = 1; index && (const BYTE *)s < end && *s; i++) {
        if (i == index) return s;
        s += lstrlenA(s) + 1;
    }
    return NULL;
}

/*
 * Prints the SMBIOS system UUID and serial number (type 1, "System Information": UUID at offset
 * 8, its first three fields little-endian since SMBIOS 2.6 — as Win32_ComputerSystemProduct shows
 * it; serial number string at offset 7), one per line, either empty when missing. Exit code 1 and
 * nothing printed when the table or its type 1 structure cannot be read.
 */
static int printHardwareId(void)
{
    const DWORD RSMB = 0x52534D42; /* 'RSMB', the raw SMBIOS firmware table provider */
    UINT size = GetSystemFirmwareTable(RSMB, 0, NULL, 0);
    BYTE *raw = size ? HeapAlloc(GetProcessHeap(), 0, size) : NULL;
    if (!raw || GetSystemFirmwareTable(RSMB, 0, raw, size) != size || size < 8) return 1;
    /* RawSMBIOSData: 4 bytes of versions, a DWORD length, then the structures. */
    DWORD length = *(DWORD *)(raw + 4);
    const BYTE *p = raw + 8, *end = raw + 8 + (length < size - 8 ? length : size - 8);
    while (p + 4 <= end && p[0] != 127) {
        if (p[0] == 1 && p[1] >= 0x19 && p + p[1] <= end) {
            const BYTE *u = p + 8;
            char out[160];
            const char *serial = smbiosString(p, end, p[7]);
            int n = wsprintfA(out, "%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X\r\n", u[3], u[2], u[1],
                              u[0], u[5], u[4], u[7], u[6], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
            DWORD written;
            HANDLE stdOut = GetStdHandle(STD_OUTPUT_HANDLE);
            WriteFile(stdOut, out, (DWORD)n, &written, NULL);
            if (serial && lstrlenA(serial) < 120) WriteFile(stdOut, serial, (DWORD)lstrlenA(serial), &written, NULL);
            WriteFile(stdOut, "\r\n", 2, &written, NULL);
            return 0;
        }
        /* Skip the formatted area, then the strings up to their double NUL. */
        const BYTE *next = p + p[1];
        while (next + 1 < end && (next[0] || next[1])) next++;
        p = next + 2;
    }
    return 1;
}

/* ---- --state ------------------------------------------------------------------------------- */

/*
 * Prints the state of the installed service HelplineAgent as one word (QueryServiceStatus:
 * "running", "stopped", "start-pending", "stop-pending", "paused", ...), or "not-installed" when
 * the SCM does not know it; exit 0. Exit 1 with the Win32 error on stderr when the SCM cannot be
 * asked. For `helpline-agent status`: Node has no Win32 service API, and sc.exe's text is not
 * meant for programs.
 */
/* "<what> failed (error N)" on stderr only: --state runs as any user, outside the service's log. */
static void printFailure(const char *what)
{
    char line[128];
    DWORD written;
    int n = wsprintfA(line, "%s failed (error %lu)\r\n", what, GetLastError());
    WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, (DWORD)n, &written, NULL);
}

static int printServiceState(void)
{
    static const char *const names[] = {"unknown", "stopped", "start-pending", "stop-pending",
                                         "running", "continue-pending", "pause-pending", "paused"};
    const char *state = NULL;
    SC_HANDLE manager = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT);
    if (!manager) {
        printFailure("OpenSCManagerW");
        return 1;
    }
    SC_HANDLE service = OpenServiceW(manager, SERVICE_NAME, SERVICE_QUERY_STATUS);
    SERVICE_STATUS status;
    if (!service && GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST)
        state = "not-installed";
    else if (!service)
        printFailure("OpenServiceW");
    else if (!QueryServiceStatus(service, &status))
        printFailure("QueryServiceStatus");
    else
        state = status.dwCurrentState < sizeof names / sizeof names[0] ? names[status.dwCurrentState] : "unknown";
    if (service) CloseServiceHandle(service);
    CloseServiceHandle(manager);
    if (!state) return 1;
    DWORD written;
    HANDLE stdOut = GetStdHandle(STD_OUTPUT_HANDLE);
    WriteFile(stdOut, state, (DWORD)lstrlenA(state), &written, NULL);
    WriteFile(stdOut, "\r\n", 2, &written, NULL);
    return 0;
}

/* ---- entry -------------------------------------------------------------------------------- */

/*
 * Gives the existing object `name` (a path, or a key as "MACHINE\\SOFTWARE\\...") the owner and
 * protected DACL of `sd` (SetNamedSecurityInfoW, which also re-applies the inheritable entries to
 * what is inside). FALSE (logged, unless `name` does not exist) when it fails.
 */
static BOOL makePrivate(const WCHAR *name, SE_OBJECT_TYPE type, PSECURITY_DESCRIPTOR sd)
{
    PSID owner = NULL;
    PACL dacl = NULL;
    BOOL present = FALSE, defaulted = FALSE;
    if (!GetSecurityDescriptorOwner(sd, &owner, &defaulted) || !GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted)) {
        logLine(L"Reading a private security descriptor failed (error %lu)", GetLastError());
        return FALSE;
    }
    DWORD error = SetNamedSecurityInfoW((LPWSTR)name, type,
                                        OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                        owner, NULL, dacl, NULL);
    if (error != ERROR_SUCCESS && error != ERROR_FILE_NOT_FOUND) logLine(L"SetNamedSecurityInfoW %s failed (error %lu)", name, error);
    return error == ERROR_SUCCESS;
}

/*
 * Creates `dir` with the security descriptor `sd`, or makes an existing one private: the default
 * ACL of %ProgramData% lets every user read, and the state dir holds the agent's token, the install
 * key, the queued tickets' screenshots and the logs. FALSE (logged) when it fails.
 */
static BOOL makePrivateDirectory(const WCHAR *dir, PSECURITY_DESCRIPTOR sd)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, sd, FALSE};
    if (CreateDirectoryW(dir, &sa)) return TRUE;
    if (GetLastError() != ERROR_ALREADY_EXISTS) {
        logLine(L"CreateDirectoryW %s failed (error %lu)", dir, GetLastError());
        return FALSE;
    }
    return makePrivate(dir, SE_FILE_OBJECT, sd);
}

/*
 * Makes HKLM\SOFTWARE\Helpline (ServerUrl, and InstallKey: a credential) readable by SYSTEM and
 * Administrators only; the MSI creates it under SOFTWARE's ACL, which lets every user read.
 */
static void makeSettingsKeyPrivate(void)
{
    PSECURITY_DESCRIPTOR sd = NULL;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(PRIVATE_KEY_SDDL, SDDL_REVISION_1, &sd, NULL)) {
        logLine(L"ConvertStringSecurityDescriptorToSecurityDescriptorW failed (error %lu)", GetLastError());
        return;
    }
    if (makePrivate(L"MACHINE\\SOFTWARE\\Helpline", SE_REGISTRY_KEY, sd))
        logLine(L"HKLM\\SOFTWARE\\Helpline is private to SYSTEM and Administrators");
    LocalFree(sd);
}

/*
 * Where things are: the install dir is this .exe's, the state dir <ProgramData>\Helpline. The
 * ProgramData folder comes from SHGetKnownFolderPath(FOLDERID_ProgramData), not the environment:
 * Wine gives services a ProgramData variable of C:\users\Public while users see C:\ProgramData.
 */
static BOOL findDirectories(void)
{
    DWORD n = GetModuleFileNameW(NULL, g_installDir, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) return FALSE;
    for (WCHAR *p = g_installDir + n; p > g_installDir; p--)
        if (*p == L'\\') {
            *p = 0;
            break;
        }
    PWSTR programData = NULL;
    HRESULT result = SHGetKnownFolderPath(&FOLDERID_ProgramData, 0, NULL, &programData);
    if (FAILED(result) || lstrlenW(programData) >= MAX_PATH - 32) {
        CoTaskMemFree(programData);
        return FALSE;
    }
    wsprintfW(g_stateDir, L"%s\\Helpline", programData);
    CoTaskMemFree(programData);
    wsprintfW(g_logDir, L"%s\\logs", g_stateDir);
    PSECURITY_DESCRIPTOR sd = NULL;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(PRIVATE_SDDL, SDDL_REVISION_1, &sd, NULL)) {
        logLine(L"ConvertStringSecurityDescriptorToSecurityDescriptorW failed (error %lu)", GetLastError());
        return TRUE;
    }
    /* Not securing them is logged but does not keep the agent from running (and checking in). */
    if (makePrivateDirectory(g_stateDir, sd) && makePrivateDirectory(g_logDir, sd))
        logLine(L"%s and its logs are private to SYSTEM and Administrators", g_stateDir);
    LocalFree(sd);
    return TRUE;
}

int wmain(int argc, WCHAR **argv)
{
    if (argc == 2 && lstrcmpW(argv[1], L"--hardware-id") == 0) return printHardwareId();
    if (argc == 2 && lstrcmpW(argv[1], L"--state") == 0) return printServiceState();
    InitializeCriticalSection(&g_logLock);
    InitializeCriticalSection(&g_queueLock);
    InitializeCriticalSection(&g_clientsLock);
    if (!findDirectories()) return 1;
    makeSettingsKeyPrivate();
    g_stopEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
    g_sessionsEvent = CreateEventW(NULL, FALSE, FALSE, NULL);
    g_queueEvent = CreateEventW(NULL, FALSE, FALSE, NULL);
    if (!g_stopEvent || !g_sessionsEvent || !g_queueEvent) {
        logLine(L"CreateEventW failed (error %lu)", GetLastError());
        return 1;
    }
    HANDLE writer = CreateThread(NULL, 0, writeToAgent, NULL, 0, NULL);
    if (!writer) {
        logLine(L"CreateThread for the agent's stdin failed (error %lu)", GetLastError());
        return 1;
    }
    CloseHandle(writer);
    if (argc == 2 && lstrcmpW(argv[1], L"--console") == 0) {
        if (!SetConsoleCtrlHandler(handleCtrlC, TRUE)) logLine(L"SetConsoleCtrlHandler failed (error %lu)", GetLastError());
        logLine(L"Running in the console (Ctrl+C stops)");
        runHost();
        return 0;
    }
    SERVICE_TABLE_ENTRYW table[] = {{(LPWSTR)SERVICE_NAME, serviceMain}, {NULL, NULL}};
    if (!StartServiceCtrlDispatcherW(table)) {
        logLine(L"StartServiceCtrlDispatcherW failed (error %lu): run by the Service Control Manager, or with --console",
                GetLastError());
        return 1;
    }
    return 0;
}
