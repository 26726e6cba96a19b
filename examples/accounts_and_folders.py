"""Task 1: the accounts NetServer syncs, and each folder's unread and total counts."""

from _demo import run

import superoffice_email as so


def main(agent: so.EMailAgent) -> None:
    for account in agent.accounts():
        info = account.connection_info()
        print(f"{account.address} via {info.server}:{info.port} (SSL: {info.use_ssl})")
        for folder in account.folders():
            print(f"  {folder.name}: {folder.unread} unread of {folder.total}")


if __name__ == "__main__":
    run(main)
