/*
 * pipe-client.exe — a stand-in tray for the service's tests: connects to \\.\pipe\HelplineAgent
 * (WaitNamedPipeW, CreateFileW), says "hello\t<profile>" — the profile given as its one argument,
 * or by default its own DOMAIN\user from GetUserNameExW(NameSamCompatible), as the real tray
 * does — then prints every line the service sends, "received: <line>", until the service closes
 * the pipe ("closed by the service") or 8 s pass ("closed"). With "--silent" it says nothing and
 * waits up to 15 s (the service gives a client 10 s to say hello). Other modes, as its own user:
 * "--drip" sends its hello one byte a second (the 10 s are for the whole hello); "--line <MiB>"
 * sends, after the hello, a line of that many MiB (trays' lines are limited to 12 MiB);
 * "--control" a line with a control character; "--mute" says hello and reads nothing for 15 s. It prints "seconds: <n>" at the end.
 * Exit code 0 when it connected, 1 when it could not.
 */
#define WIN32_LEAN_AND_MEAN
#define SECURITY_WIN32
#include <windows.h>
#include <security.h>

static void print(const char *text, DWORD count)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, count, &written, NULL);
}

/* Prints `message` and the last Win32 error. */
static int fail(const char *message)
{
    char line[256];
    int n = wsprintfA(line, "%s (error %lu)\r\n", message, GetLastError());
    print(line, (DWORD)n);
    return 1;
}

int wmain(int argc, WCHAR **argv)
{
    WCHAR profile[512];
    ULONG size = 512;
    BOOL silent = argc > 1 && lstrcmpW(argv[1], L"--silent") == 0;
    BOOL drip = argc > 1 && lstrcmpW(argv[1], L"--drip") == 0;
    BOOL control = argc > 1 && lstrcmpW(argv[1], L"--control") == 0;
    BOOL mute = argc > 1 && lstrcmpW(argv[1], L"--mute") == 0;
    DWORD lineMiB = argc > 2 && lstrcmpW(argv[1], L"--line") == 0 ? (DWORD)(argv[2][0] - L'0') * 10 + (DWORD)(argv[2][1] - L'0') : 0;
    ULONGLONG started = GetTickCount64();
    if (silent) profile[0] = 0;
    else if (argc > 1 && argv[1][0] != L'-') lstrcpynW(profile, argv[1], 512);
    else if (!GetUserNameExW(NameSamCompatible, profile, &size)) return fail("GetUserNameExW failed");
    const WCHAR *name = L"\\\\.\\pipe\\HelplineAgent";
    HANDLE pipe = INVALID_HANDLE_VALUE;
    for (int tries = 0; tries < 20 && pipe == INVALID_HANDLE_VALUE; tries++) {
        if (!WaitNamedPipeW(name, 1000)) {
            Sleep(500);
            continue;
        }
        pipe = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    }
    if (pipe == INVALID_HANDLE_VALUE) return fail("could not connect to the service's pipe");
    char hello[1100] = "hello\t";
    int n = WideCharToMultiByte(CP_UTF8, 0, profile, -1, hello + 6, 1024, NULL, NULL);
    if (n <= 0) return fail("WideCharToMultiByte failed");
    lstrcatA(hello, "\n");
    DWORD written;
    print("connected\r\n", 11);
    BOOL closedByService = FALSE;
    if (drip) {
        for (int i = 0; hello[i] && !closedByService; i++) {
            closedByService = !WriteFile(pipe, hello + i, 1, &written, NULL);
            if (!closedByService) Sleep(1000);
        }
    } else if (!silent && !WriteFile(pipe, hello, (DWORD)lstrlenA(hello), &written, NULL)) return fail("writing the hello failed");
    if (lineMiB || control) {
        DWORD size = lineMiB ? lineMiB * 1024 * 1024 : 24;
        char *big = HeapAlloc(GetProcessHeap(), 0, size);
        if (!big) return fail("HeapAlloc failed");
        FillMemory(big, size, 'A');
        CopyMemory(big, "action\tsettings\t", 16);
        if (control) big[18] = 1;
        big[size - 1] = '\n';
        /* A service that closes the pipe before taking it all makes the write fail. */
        closedByService = !WriteFile(pipe, big, size, &written, NULL);
        HeapFree(GetProcessHeap(), 0, big);
    }
    /* Byte mode: PeekNamedPipe polls, so the 8 s limit holds without overlapped I/O. */
    char line[65536];
    DWORD length = 0;
    if (mute) Sleep(15000);
    ULONGLONG until = GetTickCount64() + (silent ? 15000 : 8000);
    while (!closedByService && GetTickCount64() < until) {
        DWORD available = 0;
        if (!PeekNamedPipe(pipe, NULL, 0, NULL, &available, NULL)) {
            closedByService = TRUE;
            break;
        }
        if (available == 0) {
            Sleep(50);
            continue;
        }
        DWORD got;
        if (length + 1 >= sizeof line || !ReadFile(pipe, line + length, sizeof line - 1 - length, &got, NULL)) break;
        length += got;
        char *end;
        while ((end = memchr(line, '\n', length)) != NULL) {
            print("received: ", 10);
            print(line, (DWORD)(end - line + 1));
            length -= (DWORD)(end - line + 1);
            MoveMemory(line, end + 1, length);
        }
    }
    if (closedByService) print("closed by the service\r\n", 23);
    else print("closed\r\n", 8);
    char seconds[32];
    print(seconds, (DWORD)wsprintfA(seconds, "seconds: %lu\r\n", (DWORD)((GetTickCount64() - started) / 1000)));
    CloseHandle(pipe);
    return 0;
}
