"""Hand-written name lists by origin for the synthetic PHI corpus (first names, surnames).
These are common given names/surnames written for this project; US Census lists are loaded separately."""

ORIGINS = {
    "hispanic": (
        "José María Juan Carmen Luis Ana Carlos Rosa Jorge Guadalupe Miguel Lucía Alejandro Sofía Francisco Isabel "
        "Javier Elena Diego Valentina Ricardo Camila Fernando Gabriela Alberto Daniela Eduardo Mariana Raúl Ximena "
        "Andrés Paola Sergio Catalina Héctor Alejandra Rodrigo Beatriz Santiago Yolanda Mateo Esperanza Joaquín "
        "Dolores Ignacio Marisol Emilio Pilar Arturo Consuelo",
        "García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez Torres Flores Rivera Gómez Díaz "
        "Reyes Morales Cruz Ortiz Gutiérrez Chávez Ramos Ruiz Mendoza Álvarez Castillo Jiménez Moreno Romero Herrera "
        "Medina Aguilar Vargas Castro Guzmán Fernández Salazar Delgado Ríos Contreras Figueroa Estrada Navarro "
        "Domínguez Cabrera Ibarra Villanueva Zamora Espinoza Quintero Velázquez",
    ),
    "east_asian": (
        "Wei Jing Hui Xiaoming Li Mei Jun Yan Hao Ying Zhiwei Xiu Min-jun Seo-yeon Ji-ho Ha-eun Jae-won Soo-jin "
        "Hyun-woo Eun-ji Hiroshi Yuki Takeshi Haruka Kenji Aiko Satoshi Naoko Daisuke Sakura Ryo Emiko Minh Linh "
        "Thanh Huong Duc Lan Quang Trang Jian Xin Bo Lei Fang Kaito Yuna Tuan Ngoc Shu",
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Luo Zheng Liang Kim Lee Park Choi "
        "Jung Kang Cho Yoon Jang Lim Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
        "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do",
    ),
    "south_asian": (
        "Aarav Priya Rahul Ananya Vikram Deepika Arjun Kavya Rohan Sneha Sanjay Pooja Amit Neha Rajesh Sunita "
        "Karthik Lakshmi Suresh Divya Aditya Meera Nikhil Shreya Harpreet Gurpreet Manpreet Jaswinder Imran Ayesha "
        "Farhan Nadia Tariq Sadia Rakib Tahmina Nimal Dilani Kasun Chamari Venkatesh Padma Ravi Anjali Siddharth "
        "Ishaan Tanvi Mohan Gita Prakash",
        "Patel Shah Sharma Singh Kumar Gupta Reddy Rao Iyer Nair Menon Pillai Mehta Desai Joshi Kulkarni Chatterjee "
        "Banerjee Mukherjee Das Bose Ghosh Sen Chowdhury Verma Agarwal Malhotra Kapoor Khanna Bhatia Sandhu Gill "
        "Dhillon Grewal Ahmed Hossain Rahman Islam Khan Qureshi Siddiqui Perera Fernando Silva Jayasuriya "
        "Wickramasinghe Krishnan Subramanian Venkataraman Naidu",
    ),
    "arabic": (
        "Mohammed Ahmed Fatima Ali Aisha Omar Layla Hassan Mariam Youssef Zainab Khalid Noor Ibrahim Huda Mustafa "
        "Salma Abdullah Rania Karim Yasmin Hamza Amira Samir Dalia Walid Leila Nabil Hana Faisal Rana Bilal Samira "
        "Jamal Lina Ziad Maha Adel Nour Rashid Farah Majid Reem Saeed Iman Anwar Ghada Tarek Mona Sami",
        "Al-Masri Al-Rashid Al-Farsi Al-Hashimi Al-Amin Haddad Khoury Nasser Hamdan Mansour Saleh Abdallah Aziz "
        "Barakat Darwish Farouk Ghanem Habib Jaber Kassem Khalil Mahmoud Najjar Othman Qasim Rahal Sabbagh Shami "
        "Suleiman Tahan Yassin Zaki El-Amin El-Masry Bakr Hijazi Issa Karam Maalouf Nassar Osman Rizk Sabri Taha "
        "Wahba Yousef Zidan Awad Fakhoury Abboud",
    ),
    "african": (
        "Chinedu Ngozi Oluwaseun Adaeze Emeka Folake Kwame Ama Kofi Akosua Yaw Abena Tendai Rudo Tafadzwa Nyasha "
        "Thabo Lerato Sipho Nomvula Wanjiru Kamau Achieng Otieno Njeri Amara Chiamaka Obinna Ifeoma Babajide "
        "Funmilayo Tunde Yetunde Sekou Aminata Mamadou Fatoumata Abebe Tigist Dawit Selam Kwabena Efua Zodwa "
        "Bongani Ayodele Nneka Olumide Chidi Makena",
        "Okafor Adeyemi Okonkwo Mensah Boateng Asante Owusu Ndlovu Dlamini Nkosi Mokoena Moyo Chikwanha Mutasa "
        "Kariuki Ochieng Odhiambo Wanjala Kimani Mwangi Nwosu Eze Obi Adebayo Balogun Oyelaran Diallo Traoré Keita "
        "Coulibaly Touré Bekele Tesfaye Haile Girma Abiodun Osei Appiah Agyeman Danso Chukwu Onyango Mutua "
        "Kiplagat Ssemakula Mukasa Banda Phiri Zulu Okeke",
    ),
    "slavic": (
        "Ivan Olga Dmitri Natalia Sergei Svetlana Alexei Tatiana Mikhail Ekaterina Vladimir Irina Andrei Yelena "
        "Nikolai Anastasia Pavel Oksana Yuri Ludmila Piotr Agnieszka Krzysztof Małgorzata Tomasz Katarzyna Wojciech "
        "Magdalena Jakub Zofia Jiří Petra Tomáš Lucie Bogdan Milena Dragan Jelena Goran Vesna Stanislav Bożena "
        "Oleksandr Halyna Taras Yulia Boris Vera Miroslav Daria",
        "Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov Pavlova Fedorova "
        "Mikhailova Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Dąbrowski Kozłowski "
        "Novák Svoboda Dvořák Černý Procházka Kovačević Petrović Jovanović Nikolić Marković Horvat Babić Shevchenko "
        "Bondarenko Kovalenko Tkachenko Melnyk Boyko Kravchenko Oliynyk Volkova Orlov Zaitsev Belov Grigoriev "
        "Vasiliev",
    ),
    "european": (
        "Pierre Camille Hans Greta Giuseppe Chiara Lars Ingrid Sven Astrid Jean-Luc Margaux Klaus Annelies Matteo "
        "Giulia Joost Femke Niamh Siobhan Seán Aoife Dimitrios Eleni Nikos Despina João Inês Jürgen Sabine Étienne "
        "Amélie Lorenzo Francesca Henrik Sigrid Bram Lotte Cormac Orla",
        "Dubois Lefebvre Moreau Müller Schmidt Schneider Fischer Rossi Russo Ferrari Esposito Bianchi Jansen "
        "de_Vries van_den_Berg Bakker Larsen Johansson Andersson Nielsen O'Brien Murphy Kelly Papadopoulos Georgiou "
        "Oliveira Costa Fontaine Lambert Hoffmann Weber Conti Ricci Gallagher MacLeod Lindqvist Vermeulen Ferreira "
        "Santos Brunner",
    ),
}


def origin_lists():
    return {k: (v[0].split(), [s.replace("_", " ") for s in v[1].split()]) for k, v in ORIGINS.items()}


class NameMarkov:
    """Character n-gram model of one name list, to generate names of the same origin that no list holds.
    The hand lists are short (about 40 training names per origin and part), so a model trained on them memorises
    the strings; new names from the same letter patterns make it read context and spelling instead."""

    def __init__(self, names, order=2):
        self.order = order
        self.known = set(names)
        self.next = {}
        for n in names:
            s = "^" * order + n + "$"
            for i in range(order, len(s)):
                self.next.setdefault(s[i - order:i], []).append(s[i])

    def sample(self, rng, reject, tries=50):
        """A name of 4-14 characters that is not in the list and that reject(name) does not refuse; None if no
        such name came up in `tries` draws."""
        for _ in range(tries):
            ctx, out = "^" * self.order, []
            while len(out) < 15:
                c = rng.choice(self.next[ctx])
                if c == "$":
                    break
                out.append(c)
                ctx = ctx[1:] + c
            name = "".join(out)
            if 4 <= len(name) <= 14 and name not in self.known and not reject(name):
                return name
        return None
