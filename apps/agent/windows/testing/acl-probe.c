/*
 * acl-probe.exe — for the service's tests: prints the owner and DACL of a file or folder
 * ("acl-probe file C:\ProgramData\Helpline") or of a registry key ("acl-probe key
 * MACHINE\SOFTWARE\Helpline") as one SDDL line, read back by GetNamedSecurityInfoW and
 * ConvertSecurityDescriptorToStringSecurityDescriptorW. Wine enforces no DACL, keeps a registry
 * key's, and drops a folder's (it reports one derived from the Unix mode), so the tests read back
 * what the service set on the key rather than who may read.
 * Exit code 0 when it printed, 1 (error printed) when not.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

static void print(const char *text)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)lstrlenA(text), &written, NULL);
}

int wmain(int argc, WCHAR **argv)
{
    char line[2048];
    if (argc != 3) {
        print("usage: acl-probe file|key <path>\r\n");
        return 1;
    }
    SE_OBJECT_TYPE type = lstrcmpW(argv[1], L"key") == 0 ? SE_REGISTRY_KEY : SE_FILE_OBJECT;
    PSECURITY_DESCRIPTOR sd = NULL;
    DWORD error = GetNamedSecurityInfoW(argv[2], type, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, NULL,
                                        NULL, NULL, NULL, &sd);
    if (error != ERROR_SUCCESS) {
        wsprintfA(line, "GetNamedSecurityInfoW failed (error %lu)\r\n", error);
        print(line);
        return 1;
    }
    LPWSTR sddl = NULL;
    if (!ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, SDDL_REVISION_1,
                                                              OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &sddl, NULL)) {
        wsprintfA(line, "ConvertSecurityDescriptorToStringSecurityDescriptorW failed (error %lu)\r\n", GetLastError());
        print(line);
        return 1;
    }
    WideCharToMultiByte(CP_UTF8, 0, sddl, -1, line, sizeof line - 2, NULL, NULL);
    lstrcatA(line, "\r\n");
    print(line);
    LocalFree(sddl);
    LocalFree(sd);
    return 0;
}
